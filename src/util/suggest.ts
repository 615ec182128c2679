/**
 * @module "Did you mean ...?" for unknown names: fields, toolsets, entries.
 */
import { distance as editDistance } from "fastest-levenshtein";

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
