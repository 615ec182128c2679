/**
 * @module Gives every call of a run its exchange key and a position in the call tree, from
 * `call-start` events and the start of each model request. See `exchange-key.ts`.
 */
import type { RunEvent } from "../events/run-event.js";
import { callSegment, KEY_SEPARATOR, requestKey } from "./exchange-key.js";

interface CallState {
  key: string;
  kind: "worker" | "tool";
  /** Where the call sits in the tree: compares in the order calls happened, parallel ones by start. */
  order: number[];
  /** The step of the model request in progress (workers), 0 before the first. */
  step: number;
  /** Steps whose response arrived. */
  completed: number;
  /** Calls started so far, per step of this call. */
  children: Map<number, number>;
  /** Calls started so far, per step and name. */
  names: Map<string, number>;
}

/** A model request's place: its key, step and position in the tree. */
export interface RequestPlace {
  key: string;
  step: number;
  order: number[];
}

/** Tracks the keys of one run's calls. Feed it every event with {@link CallKeys.onEvent}. */
export class CallKeys {
  readonly #calls = new Map<string, CallState>();
  readonly #root: CallState = newState("", "tool", []);

  /** Records `call-start` events; ignores the rest. */
  onEvent(event: RunEvent): void {
    if (event.type !== "call-start") return;
    const parent = (event.parentCallId && this.#calls.get(event.parentCallId)) || this.#root;
    const step = parent.kind === "worker" ? parent.step : 0;
    const index = (parent.children.get(step) ?? 0) + 1;
    parent.children.set(step, index);
    const nameKey = `${step}/${event.name}`;
    const occurrence = (parent.names.get(nameKey) ?? 0) + 1;
    parent.names.set(nameKey, occurrence);
    const segment = callSegment(event.name, occurrence);
    const prefix =
      parent === this.#root ? "" : parent.kind === "worker" ? requestKey(parent.key, step) : parent.key;
    const key = prefix ? `${prefix}${KEY_SEPARATOR}${segment}` : segment;
    this.#calls.set(event.callId, newState(key, event.kind, [...parent.order, step, index]));
  }

  /** The key of a call (`main/1 > analyzer`), once its `call-start` was seen. */
  keyOf(callId: string): string | undefined {
    return this.#calls.get(callId)?.key;
  }

  /** The tree position of a call, for ordering. */
  orderOf(callId: string): number[] {
    return this.#calls.get(callId)?.order ?? [];
  }

  /**
   * Starts a model request of a worker call and returns its place. A retry of a request whose
   * response never arrived keeps its step.
   */
  beginRequest(callId: string): RequestPlace {
    const state = this.#calls.get(callId);
    if (!state) return { key: `${callId}/1`, step: 1, order: [] };
    state.step = state.completed + 1;
    return {
      key: requestKey(state.key, state.step),
      step: state.step,
      order: [...state.order, state.step, 0],
    };
  }

  /** Marks a request's response as complete, so the next request is the next step. */
  completeRequest(callId: string, step: number): void {
    const state = this.#calls.get(callId);
    if (state && step > state.completed) state.completed = step;
  }
}

function newState(key: string, kind: "worker" | "tool", order: number[]): CallState {
  return { key, kind, order, step: 0, completed: 0, children: new Map(), names: new Map() };
}

/** Compares two tree positions: -1, 0 or 1. */
export function compareOrder(left: readonly number[], right: readonly number[]): number {
  const length = Math.min(left.length, right.length);
  for (let index = 0; index < length; index++) {
    // Non-null: `index` is below the shorter length.
    const difference = left[index]! - right[index]!;
    if (difference !== 0) return Math.sign(difference);
  }
  return Math.sign(left.length - right.length);
}
