/**
 * @module Number formatting for the results tables.
 */

/**
 * `median (min-max)` of a summary, each value formatted by `format`.
 * @param {import("./summarize.mjs").Summary} summary
 * @param {(value: number) => string} format
 */
export function spread(summary, format) {
  return `${format(summary.median)} (${format(summary.min)}-${format(summary.max)})`;
}

/** @param {number} value */
export const ms = (value) => (value >= 100 ? value.toFixed(0) : value.toFixed(value >= 10 ? 1 : 2));

/** @param {number} bytes */
export const mb = (bytes) => (bytes / 1024 / 1024).toFixed(bytes >= 100 * 1024 * 1024 ? 0 : 1);

/**
 * A size for a heading: `256 KB`, `1 MB`, `50 MB`.
 * @param {number} bytes
 */
export function size(bytes) {
  return bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${+(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** @param {number} value */
export const ratio = (value) => value.toFixed(2);
