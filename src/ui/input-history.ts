/**
 * @module The chat input's history: messages sent earlier, recalled with Up and Down, with the
 * unsent draft kept while browsing.
 */

/** Sent messages and where the user is browsing them. */
export interface InputHistory {
  /** Sent messages, oldest first. */
  readonly entries: readonly string[];
  /** The entry shown, while browsing; undefined when editing the draft. */
  readonly position?: number;
  /** The text that was in the box when browsing started. */
  readonly draft: string;
}

/** The result of a history move: the new history and the text to put in the box. */
export interface HistoryMove {
  readonly history: InputHistory;
  readonly text: string;
}

/** No messages yet. */
export const emptyInputHistory: InputHistory = { entries: [], draft: "" };

/**
 * Up: the next older message. The first step saves `current` as the draft. At the oldest
 * message the move is consumed without change. Undefined when there is no history.
 */
export function recallOlder(history: InputHistory, current: string): HistoryMove | undefined {
  const { entries, position } = history;
  if (entries.length === 0) return undefined;
  if (position === undefined) {
    const last = entries.length - 1;
    // Non-null: `last` is the index of the last entry of a non-empty history.
    return { history: { entries, position: last, draft: current }, text: entries[last]! };
  }
  const older = Math.max(position - 1, 0);
  // Non-null: `position` is an entry while browsing, so the one before it (or the first) is too.
  return { history: { ...history, position: older }, text: entries[older]! };
}

/**
 * Down: the next newer message, or past the newest the saved draft. Undefined when not
 * browsing (the key is not consumed).
 */
export function recallNewer(history: InputHistory): HistoryMove | undefined {
  const { entries, position, draft } = history;
  if (position === undefined) return undefined;
  if (position >= entries.length - 1) return { history: { entries, draft: "" }, text: draft };
  // Non-null: `position + 1` was checked to be an entry.
  return { history: { ...history, position: position + 1 }, text: entries[position + 1]! };
}

/** Stops browsing (the user edited the recalled text, which becomes the new draft). */
export function stopBrowsing(history: InputHistory): InputHistory {
  return history.position === undefined ? history : { entries: history.entries, draft: "" };
}

/** Records a sent message (a repeat of the last one is not stored twice) and stops browsing. */
export function recordInput(history: InputHistory, text: string): InputHistory {
  const entries = history.entries.at(-1) === text ? history.entries : [...history.entries, text];
  return { entries, draft: "" };
}
