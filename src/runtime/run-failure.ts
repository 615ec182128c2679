/**
 * @module The error that ends a run, and the signal every call of the run listens to.
 */
import { AbortError } from "../errors.js";

/**
 * The run's abort signal and the first error that ended it. Cancelling the caller's signal
 * aborts the run with an AbortError; `fail` records an error that ends the run and aborts it.
 * Contract: only the first failure is kept; `dispose` stops listening to the caller's signal.
 */
export class RunFailure implements Disposable {
  readonly #controller = new AbortController();
  readonly #onAbort = () => this.#controller.abort(new AbortError());
  #error: unknown;

  /** @param external The caller's signal (`RunOptions.signal`), if any. */
  constructor(private readonly external?: AbortSignal) {
    external?.addEventListener("abort", this.#onAbort, { once: true });
    if (external?.aborted) this.#onAbort();
  }

  /** Aborted when the caller cancels or a failure ends the run. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** The first error that ended the run, or `undefined`. */
  get error(): unknown {
    return this.#error;
  }

  /** Records `error` as what ended the run (unless one already did) and aborts the run. */
  readonly fail = (error: unknown): void => {
    if (this.#error !== undefined) return;
    this.#error = error;
    this.#controller.abort(error);
  };

  /** Stops listening to the caller's signal. */
  [Symbol.dispose](): void {
    this.external?.removeEventListener("abort", this.#onAbort);
  }
}
