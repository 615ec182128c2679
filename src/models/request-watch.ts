/**
 * @module Watches one attempt of a model request: what its HTTP response was (status, content
 * type, bytes) and whether it stalled or ran too long.
 *
 * Two timeouts, both per attempt, so a stalled attempt is retried like a dropped connection:
 * the idle timeout is the longest time without receiving anything (counted from sending the
 * request, so it also covers waiting for the response to begin), the request timeout the longest
 * time for the whole request. Any byte counts as activity, keep-alive events and SSE comments
 * included, so a provider that is thinking but says so is not cut off.
 *
 * The HTTP facts come from {@link watchedFetch}, the fetch every provider is given: it finds the
 * attempt's watch through an AsyncLocalStorage, so one provider instance serves workers with
 * different timeouts.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { formatSeconds } from "../util/format-seconds.js";
import { BrokenResponseError } from "./broken-response.js";
import type { RequestTimeouts } from "./request-timeouts.js";

/** What the HTTP response of a watched attempt looked like. */
export interface HttpResponseFacts {
  status: number;
  contentType: string | undefined;
  /** Body bytes received so far. */
  bytes: number;
}

/** The watch of one attempt; call {@link RequestWatch.stop} when the attempt is over. */
export class RequestWatch {
  #http: HttpResponseFacts | undefined;
  #expired: BrokenResponseError | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #started: number;
  #last: number;

  /** Starts the clocks; `onExpire` is called once, when a timeout passes. */
  constructor(
    private readonly timeouts: RequestTimeouts,
    private readonly onExpire: (error: BrokenResponseError) => void,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.#started = now();
    this.#last = this.#started;
    this.#schedule();
  }

  /** The HTTP response, once its headers arrived (undefined for models that do not fetch). */
  get http(): Readonly<HttpResponseFacts> | undefined {
    return this.#http;
  }

  /** The timeout that ended the attempt, if one did. */
  get expired(): BrokenResponseError | undefined {
    return this.#expired;
  }

  /** The response's headers arrived. */
  responded(status: number, contentType: string | undefined): void {
    this.#http = { status, contentType, bytes: 0 };
    this.touch();
  }

  /** Body bytes arrived. */
  received(bytes: number): void {
    if (this.#http) this.#http.bytes += bytes;
    this.touch();
  }

  /** Something arrived: the idle clock starts over. */
  touch(): void {
    this.#last = this.now();
  }

  /** The attempt is over: no timeout fires after this. */
  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #schedule(): void {
    const deadline = Math.min(this.#last + this.timeouts.idleMs, this.#started + this.timeouts.requestMs);
    this.#timer = setTimeout(() => this.#check(), Math.max(0, deadline - this.now()));
  }

  #check(): void {
    this.#timer = undefined;
    const now = this.now();
    if (now - this.#started >= this.timeouts.requestMs) {
      this.#expire(
        `the request took longer than ${formatSeconds(this.timeouts.requestMs)}, the request_timeout`,
      );
    } else if (now - this.#last >= this.timeouts.idleMs) {
      this.#expire(
        `the response stalled: no data for ${formatSeconds(this.timeouts.idleMs)}, the idle_timeout`,
      );
    } else {
      this.#schedule();
    }
  }

  #expire(problem: string): void {
    this.#expired = new BrokenResponseError(problem, this.#http?.status);
    this.onExpire(this.#expired);
  }
}

const currentWatch = new AsyncLocalStorage<RequestWatch>();

/** Runs `attempt` with `watch` as the watch {@link watchedFetch} reports to. */
export function runWatched<T>(watch: RequestWatch, attempt: () => T): T {
  return currentWatch.run(watch, attempt);
}

/**
 * A fetch that reports to the watch of the attempt it runs in (if any): the response's status
 * and content type, and every chunk of its body as it arrives. `fetch` defaults to the global
 * fetch, looked up at each call.
 */
export function watchedFetch(fetch?: typeof globalThis.fetch): typeof globalThis.fetch {
  return async (input, init) => {
    const watch = currentWatch.getStore();
    const response = await (fetch ?? globalThis.fetch)(input, init);
    if (!watch) return response;
    watch.responded(response.status, response.headers.get("content-type") ?? undefined);
    if (!response.body) return response;
    const tap = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        watch.received(chunk.byteLength);
        controller.enqueue(chunk);
      },
    });
    return new Response(response.body.pipeThrough(tap), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}
