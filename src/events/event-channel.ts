/**
 * @module Fans run events out to listeners and async iterators.
 */
import type { RunEvent } from "./run-event.js";

/** A listener of run events. */
export type RunEventListener = (event: RunEvent) => void;

interface Sink {
  push(event: RunEvent): void;
  end(): void;
}

/** Delivers each event, in order, to every listener and every open iterator. */
export class EventChannel {
  readonly #listeners = new Set<RunEventListener>();
  readonly #sinks = new Set<Sink>();
  #closed = false;

  /** Sends an event to everyone subscribed now. A throwing listener does not stop the others. */
  emit(event: RunEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
    for (const sink of this.#sinks) sink.push(event);
  }

  /** Calls `listener` for every later event; returns an unsubscribe function. */
  subscribe(listener: RunEventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Ends every iterator after the events already sent. */
  close(): void {
    this.#closed = true;
    for (const sink of this.#sinks) sink.end();
    this.#sinks.clear();
    this.#listeners.clear();
  }

  /** An iterator over every event from now until `close()`. Buffers while the consumer is slow. */
  iterate(): AsyncIterableIterator<RunEvent> {
    const buffer: RunEvent[] = [];
    let done = this.#closed;
    let wake: (() => void) | undefined;
    const sink: Sink = {
      push(event) {
        buffer.push(event);
        wake?.();
      },
      end() {
        done = true;
        wake?.();
      },
    };
    if (!done) this.#sinks.add(sink);
    const iterator: AsyncIterableIterator<RunEvent> = {
      [Symbol.asyncIterator]: () => iterator,
      next: async () => {
        while (buffer.length === 0 && !done) await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        const event = buffer.shift();
        return event ? { value: event, done: false } : { value: undefined, done: true };
      },
      return: async () => {
        done = true;
        this.#sinks.delete(sink);
        return { value: undefined, done: true };
      },
    };
    return iterator;
  }
}
