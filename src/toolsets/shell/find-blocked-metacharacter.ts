/**
 * @module The shell metacharacters the `shell` tool refuses outright.
 */

/**
 * The refused metacharacters. Two-character ones come first so that `$(` is named rather than
 * skipped: `$` alone is allowed.
 *
 * Not refused, on purpose: a plain `$VAR` and newlines. Commands run without a shell, so
 * `$HOME` reaches the program as the literal text `$HOME`, and a newline only separates words
 * (`echo a` newline `rm x` runs `echo` with the arguments `a rm x`).
 */
export const BLOCKED_METACHARACTERS = ["$(", "${", "|", ">", "<", ";", "&", "`"] as const;

/** One of {@link BLOCKED_METACHARACTERS}. */
export type BlockedMetacharacter = (typeof BLOCKED_METACHARACTERS)[number];

/**
 * The blocked metacharacter that occurs first in `command` (quotes do not hide it), or
 * `undefined` when there is none.
 */
export function findBlockedMetacharacter(command: string): BlockedMetacharacter | undefined {
  for (let index = 0; index < command.length; index += 1) {
    const found = BLOCKED_METACHARACTERS.find((candidate) => command.startsWith(candidate, index));
    if (found !== undefined) return found;
  }
  return undefined;
}
