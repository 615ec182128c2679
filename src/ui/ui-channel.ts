/**
 * @module The one-way pipe from the controller to the App: actions are queued and delivered in
 * batches (one render for a burst of text deltas), and kept until the App subscribes.
 */
import type { UiAction } from "./ui-state.js";

/** What the App subscribes to. */
export interface UiSource {
  /** Calls `listener` with every batch of actions from now on; returns the unsubscribe function. */
  subscribe(listener: (actions: readonly UiAction[]) => void): () => void;
}

/** The controller's end: send actions; the App's end: subscribe. */
export interface UiChannel extends UiSource {
  /** Queues an action for the next batch. */
  send(action: UiAction): void;
}

/** Creates a channel. Batches go out on the next turn of the event loop. */
export function createUiChannel(): UiChannel {
  let queue: UiAction[] = [];
  let listener: ((actions: readonly UiAction[]) => void) | undefined;
  let scheduled = false;
  const deliver = () => {
    scheduled = false;
    if (!listener || queue.length === 0) return;
    const batch = queue;
    queue = [];
    listener(batch);
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(deliver);
  };
  return {
    send(action) {
      queue.push(action);
      schedule();
    },
    subscribe(next) {
      listener = next;
      schedule();
      return () => {
        if (listener === next) listener = undefined;
      };
    },
  };
}
