/**
 * @module Replays in evals. Every run of an eval is keyed as if the case were code that calls,
 * in order, the target, the target's judges, the baseline and the baseline's judges: the
 * target's first model request in case `canopy` is `canopy > main/1`, a second call of the
 * same name is `main#2`. One replay file serves every case; each run gets the part under its
 * own prefix, with the prefix replaced by the run's entry.
 */
import { callSegment, KEY_SEPARATOR, normalizeKey } from "../record/exchange-key.js";
import type { Recording } from "../record/recording.js";

/** Hands out the key prefix of each run of one case: `<case> > <name>[#n]`. */
export class CasePrefixes {
  readonly #counts = new Map<string, number>();

  constructor(private readonly caseName: string) {}

  /** The prefix of the next run of `name` in this case. */
  next(name: string): string {
    const occurrence = (this.#counts.get(name) ?? 0) + 1;
    this.#counts.set(name, occurrence);
    return normalizeKey(`${this.caseName}${KEY_SEPARATOR}${callSegment(name, occurrence)}`);
  }
}

/**
 * The part of `recording` under `prefix` (`canopy > main#2`), re-keyed for a run whose entry
 * is `entry` (`canopy > main#2/1 > helper/1` becomes `main/1 > helper/1`).
 */
export function caseRecording(recording: Recording, prefix: string, entry: string): Recording {
  const rekey = (key: string): string | undefined => {
    const rest = key.slice(prefix.length);
    if (!key.startsWith(prefix) || !(rest.startsWith("/") || rest.startsWith(KEY_SEPARATOR)))
      return undefined;
    return `${entry}${rest}`;
  };
  const part: Recording = {
    file: `${recording.file} (under '${prefix}')`,
    exchanges: new Map(),
    approvals: new Map(),
    end: recording.end,
  };
  for (const [key, exchange] of recording.exchanges) {
    const newKey = rekey(key);
    if (newKey !== undefined) part.exchanges.set(newKey, { ...exchange, key: newKey });
  }
  for (const [key, approval] of recording.approvals) {
    const newKey = rekey(key);
    if (newKey !== undefined) part.approvals.set(newKey, { ...approval, approval: newKey });
  }
  return part;
}
