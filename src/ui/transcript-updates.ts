/**
 * @module Small pure updates of the transcript in a {@link UiState}: append, replace, find and
 * close entries.
 */
import type { TranscriptEntry } from "./transcript-entry.js";
import type { UiState } from "./ui-state.js";

/** `Omit` applied to each member of a union. */
export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An entry before it has an id. */
export type NewEntry = DistributiveOmit<TranscriptEntry, "id">;

/** Appends entries, giving each the next id. */
export function appendEntries(state: UiState, ...entries: NewEntry[]): UiState {
  let next = state.nextEntry;
  const added = entries.map((entry) => ({ ...entry, id: `entry-${++next}` }) as TranscriptEntry);
  return { ...state, entries: [...state.entries, ...added], nextEntry: next };
}

/** Inserts an entry at `index` (not before the printed entries), giving it the next id. */
export function insertEntry(state: UiState, index: number, entry: NewEntry): UiState {
  const at = Math.min(Math.max(index, state.committed), state.entries.length);
  const id = `entry-${state.nextEntry + 1}`;
  const entries = [...state.entries];
  entries.splice(at, 0, { ...entry, id } as TranscriptEntry);
  return { ...state, entries, nextEntry: state.nextEntry + 1 };
}

/** The index of the last entry that is not done and matches, or -1. */
export function findOpenEntry(state: UiState, matches: (entry: TranscriptEntry) => boolean): number {
  for (let index = state.entries.length - 1; index >= state.committed; index--) {
    // Non-null: `index` is below `state.entries.length`.
    const entry = state.entries[index]!;
    if (!entry.done && matches(entry)) return index;
  }
  return -1;
}

/** Replaces the entry at `index` (undefined removes it). Only entries not yet printed change. */
export function replaceEntry(state: UiState, index: number, entry: TranscriptEntry | undefined): UiState {
  if (index < state.committed || index >= state.entries.length) return state;
  const entries = [...state.entries];
  if (entry) entries[index] = entry;
  else entries.splice(index, 1);
  return { ...state, entries };
}

/** Marks every entry done (open text ends, running tools show as aborted). */
export function closeOpenEntries(state: UiState): UiState {
  if (state.entries.every((entry) => entry.done)) return state;
  const entries = state.entries.map((entry): TranscriptEntry => {
    if (entry.done) return entry;
    if (entry.kind === "tool") return { ...entry, status: "aborted", done: true };
    return { ...entry, done: true };
  });
  return { ...state, entries };
}

/** True when a new entry of `ownerCallId` should show its call path (it follows other output). */
export function needsLabel(state: UiState, ownerCallId: string | undefined): boolean {
  const last = state.entries.at(-1);
  if (!last || ownerCallId === undefined) return false;
  return !("ownerCallId" in last) || last.ownerCallId !== ownerCallId;
}
