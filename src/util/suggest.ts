/**
 * @module "Did you mean ...?" for unknown names: fields, toolsets, entries.
 */

/**
 * The candidate closest to `word`, or `undefined` when none is close.
 *
 * A candidate is close when its edit (Levenshtein) distance to `word` is at most 2 (at most 1 for
 * words of three characters or fewer), or when one is a prefix of the other and the shorter has at
 * least three characters. Comparison ignores case. Among close candidates the smallest distance
 * wins; ties go to the earlier candidate. An exact match is never suggested.
 */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  const lowerWord = word.toLowerCase();
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const lowerCandidate = candidate.toLowerCase();
    if (lowerCandidate === lowerWord && candidate === word) continue;
    const distance = editDistance(lowerWord, lowerCandidate);
    if (!isClose(lowerWord, lowerCandidate, distance)) continue;
    if (best === undefined || distance < best.distance) best = { candidate, distance };
  }
  return best?.candidate;
}

function isClose(word: string, candidate: string, distance: number): boolean {
  const limit = word.length <= 3 ? 1 : 2;
  if (distance <= limit) return true;
  const [shorter, longer] = word.length <= candidate.length ? [word, candidate] : [candidate, word];
  return shorter.length >= 3 && longer.startsWith(shorter);
}

function editDistance(left: string, right: string): number {
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let row = 1; row <= left.length; row++) {
    const current = [row];
    for (let column = 1; column <= right.length; column++) {
      const substitution = left[row - 1] === right[column - 1] ? 0 : 1;
      current[column] = Math.min(
        previous[column]! + 1,
        current[column - 1]! + 1,
        previous[column - 1]! + substitution,
      );
    }
    previous = current;
  }
  return previous[right.length]!;
}
