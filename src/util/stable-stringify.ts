/**
 * @module JSON with sorted object keys, so equal values give equal strings.
 */

/** JSON with object keys sorted at every level; non-JSON values are stringified. */
export function stableStringify(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? "null";
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort())
      sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
    return sorted;
  }
  if (typeof value === "bigint" || typeof value === "function" || typeof value === "symbol")
    return String(value);
  return value;
}
