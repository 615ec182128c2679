/**
 * @module The shape every scenario returns (types only).
 */

/**
 * @typedef {object} Check A target of the issue and the figure measured for it.
 * @property {string} target What is compared.
 * @property {number} value The measured median.
 * @property {number} limit The target's bound (the value must not exceed it).
 * @property {string} unit
 * @property {boolean} applies False when the settings are smaller than the (quick mode).
 */

/**
 * @typedef {object} ScenarioResult
 * @property {Record<string, unknown>} settings The sizes and repetitions used.
 * @property {Record<string, unknown>} measured Every figure, as plain JSON.
 * @property {Check[]} checks
 */

export {};
