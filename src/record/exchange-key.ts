/**
 * @module Keys of recorded model exchanges: the call path with the step of every worker on it,
 * e.g. `main/1 > analyzer/2` (the analyzer's second model request, in the call main made in its
 * first step). A repeated call to the same name from the same step is `analyzer#2`.
 */

/** The separator between the segments of a key. */
export const KEY_SEPARATOR = " > ";

/**
 * A key in its one canonical spelling: segments trimmed and joined by ` > `, `#1` dropped
 * (`main/1>analyzer#1/2` is `main/1 > analyzer/2`).
 */
export function normalizeKey(key: string): string {
  return key
    .split(">")
    .map((segment) => segment.trim().replace(/#1(?=\/|$)/, ""))
    .join(KEY_SEPARATOR);
}

/** The segment of a call: its name, with `#n` when it is the n-th call of that name (n > 1). */
export function callSegment(name: string, occurrence: number): string {
  return occurrence > 1 ? `${name}#${occurrence}` : name;
}

/** The key of a worker call's model request number `step`. */
export function requestKey(callKey: string, step: number): string {
  return `${callKey}/${step}`;
}

/** The names on a key's call path: `main/1 > analyzer#2/3` is `["main", "analyzer"]`. */
export function pathOfKey(key: string): string[] {
  return normalizeKey(key)
    .split(KEY_SEPARATOR)
    .map((segment) => segment.replace(/\/\d+$/, "").replace(/#\d+$/, ""));
}

/** The step of a request key (`main/1 > analyzer/2` is 2), or undefined for a call key. */
export function stepOfKey(key: string): number | undefined {
  const match = /\/(\d+)$/.exec(key.trim());
  return match ? Number(match[1]) : undefined;
}

/** The call a request key belongs to: `main/1 > analyzer/2` is `main/1 > analyzer`. */
export function callKeyOf(key: string): string {
  return normalizeKey(key).replace(/\/\d+$/, "");
}
