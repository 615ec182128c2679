/**
 * @module Text and reasoning streamed by a worker's model, as transcript entries: deltas extend
 * the open entry of their call, finished paragraphs are split off (so they can be printed for
 * good), and a retried attempt's text is taken back where it is still on the live screen.
 */
import type { RunEventOf } from "../events/run-event.js";
import type { TextEntry, TranscriptEntry } from "./transcript-entry.js";
import { appendEntries, findOpenEntry, insertEntry, needsLabel, replaceEntry } from "./transcript-updates.js";
import type { UiState } from "./ui-state.js";

/** Adds a delta to the open text (or reasoning) entry of `callId`, opening one if needed. */
export function appendText(state: UiState, callId: string, text: string, reasoning: boolean): UiState {
  const base = reasoning ? state : closeReasoning(state, callId);
  const index = findOpenEntry(base, (entry) => isTextOf(entry, callId, reasoning));
  if (index >= 0) return splitParagraphs(base, index, (base.entries[index] as TextEntry).text + text);
  const record = base.calls[callId];
  const added = appendEntries(base, {
    kind: "text",
    callId,
    text: "",
    reasoning,
    path: record?.path ?? [],
    indent: record?.depth ?? 1,
    ownerCallId: callId,
    labelled: needsLabel(base, callId),
    done: false,
  });
  return splitParagraphs(added, added.entries.length - 1, text);
}

/**
 * Sets the text of the open entry at `index`; finished paragraphs (before the last blank line)
 * become a done entry of their own, so that they are printed for good and the live part of
 * the screen stays short while a long answer streams.
 */
function splitParagraphs(state: UiState, index: number, text: string): UiState {
  const entry = state.entries[index] as TextEntry;
  const cut = text.lastIndexOf("\n\n");
  if (cut < 0 || text.slice(0, cut).trim() === "") return replaceEntry(state, index, { ...entry, text });
  const finished = replaceEntry(state, index, { ...entry, text: text.slice(0, cut), done: true });
  const { id: _id, ...rest } = entry;
  return insertEntry(finished, index + 1, { ...rest, text: text.slice(cut + 2), labelled: false });
}

/** Ends the open text entry of the event's call (dropped when blank). */
export function endText(state: UiState, event: RunEventOf<"text-end">): UiState {
  const index = findOpenEntry(state, (entry) => isTextOf(entry, event.callId, false));
  if (index < 0) return event.text.trim() === "" ? state : appendText(state, event.callId, event.text, false);
  const entry = state.entries[index] as TextEntry;
  return replaceEntry(state, index, entry.text.trim() === "" ? undefined : { ...entry, done: true });
}

/**
 * Removes the text of a failed attempt that a retry replaces. Text already printed for good
 * cannot be taken back: a notice then says that it was discarded.
 */
export function discardOutput(state: UiState, event: RunEventOf<"model-output-discarded">): UiState {
  let next = state;
  let wasPrinted = false;
  for (const [reasoning, discarded] of [
    [false, event.text],
    [true, event.reasoning],
  ] as const) {
    if (discarded === "") continue;
    const index = findOpenEntry(next, (entry) => isTextOf(entry, event.callId, reasoning));
    const entry = next.entries[index] as TextEntry | undefined;
    if (entry?.text.endsWith(discarded)) {
      const text = entry.text.slice(0, entry.text.length - discarded.length);
      next = replaceEntry(next, index, text === "" ? undefined : { ...entry, text });
      continue;
    }
    if (entry && discarded.endsWith(entry.text)) next = replaceEntry(next, index, undefined);
    wasPrinted = true;
  }
  if (!wasPrinted) return next;
  return appendEntries(next, {
    kind: "notice",
    tone: "warning",
    text: `${event.path.join(" > ")}: the partial response above was discarded; the retry follows`,
    done: true,
  });
}

/** Ends every open text and reasoning entry of `callId` (its call ended). */
export function closeTexts(state: UiState, callId: string): UiState {
  let next = state;
  for (let index = findOpenText(next, callId); index >= 0; index = findOpenText(next, callId)) {
    const entry = next.entries[index] as TextEntry;
    next = replaceEntry(next, index, entry.text.trim() === "" ? undefined : { ...entry, done: true });
  }
  return next;
}

/** Ends the open reasoning entry of `callId` (its text, a tool call or the response came). */
export function closeReasoning(state: UiState, callId: string | undefined): UiState {
  if (callId === undefined) return state;
  const index = findOpenEntry(state, (entry) => isTextOf(entry, callId, true));
  if (index < 0) return state;
  return replaceEntry(state, index, { ...(state.entries[index] as TextEntry), done: true });
}

function findOpenText(state: UiState, callId: string): number {
  return findOpenEntry(state, (entry) => entry.kind === "text" && entry.callId === callId);
}

function isTextOf(entry: TranscriptEntry, callId: string, reasoning: boolean): boolean {
  return entry.kind === "text" && entry.callId === callId && entry.reasoning === reasoning;
}
