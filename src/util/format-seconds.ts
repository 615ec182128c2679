/**
 * @module Milliseconds as seconds for messages about limits: `0.2 s`, `300 s`, `1.5 s`.
 */

/** `ms` as seconds with at most three decimals and no trailing zeros, then ` s`. */
export function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}
