/**
 * @module One run's replay: answers each model request from the recording by its key, checks the
 * request against the recorded one, and reports drift (fail, or report and continue).
 */
import type { LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { ReplayDriftError } from "../errors.js";
import { compareRequest } from "./compare-request.js";
import { callKeyOf, pathOfKey, requestKey, stepOfKey } from "./exchange-key.js";
import type { RecordedRequest, Recording } from "./recording.js";
import { replayStream } from "./replay-model.js";
import { describeCut } from "./unfinished-recording.js";

/** What a replay does when the run diverges: end the run, or report the drift and go on. */
export type ReplayDriftMode = "fail" | "report";

/** One divergence from a recording. */
export interface ReplayDrift {
  /** The exchange (or approval) key, e.g. `main/1 > analyzer/2`. */
  key: string;
  /** The full message, naming the call path, the step and the difference. */
  message: string;
  /** True when the drift ends the run. */
  fatal: boolean;
}

/** Options of {@link ReplaySession}. */
export interface ReplaySessionOptions {
  mode: ReplayDriftMode;
  /** Told about every drift (as an event), fatal or not. */
  onDrift: (drift: ReplayDrift) => void;
  /** Ends the run with an error (for drift found outside a model request). */
  fail: (error: unknown) => void;
}

/** The replay state of one run, over every recording it uses. */
export class ReplaySession {
  readonly #used = new Map<Recording, Set<string>>();
  #ids = 0;

  constructor(private readonly options: ReplaySessionOptions) {}

  /**
   * The recorded response to the request at `key`, as a provider stream. Contract: throws a
   * ReplayDriftError when nothing is recorded at `key` (in either mode: there is no answer to
   * give), or when the request differs and the mode is `fail`.
   */
  respond(
    recording: Recording,
    key: string,
    request: RecordedRequest,
  ): ReadableStream<LanguageModelV4StreamPart> {
    const used = this.#usedOf(recording);
    const exchange = recording.exchanges.get(key);
    if (!exchange) {
      // A killed run's recording: say where it ends rather than which keys it has.
      const why =
        recording.end.type === "cut"
          ? `: ${describeCut(recording.file, recording.end)}`
          : ` (${nearbyKeys(recording, key)})`;
      throw this.#drift(key, `${recording.file} has no recorded response for this request${why}`, true);
    }
    used.add(key);
    const differences = compareRequest(exchange.request, request);
    if (differences.length > 0) {
      const error = this.#drift(
        key,
        `the request differs from ${recording.file}:\n${differences.map((item) => `  - ${item}`).join("\n")}`,
        this.options.mode === "fail",
      );
      if (this.options.mode === "fail") throw error;
    }
    return replayStream(exchange.response, () => `replay_${++this.#ids}`);
  }

  /** The recorded model of a worker call's first request, to report in events (and price). */
  modelOf(recording: Recording, callKey: string): string | undefined {
    this.#usedOf(recording);
    return recording.exchanges.get(requestKey(callKey, 1))?.request?.model;
  }

  /** Checks a decision against the recorded one for the call at `callKey`. */
  checkApproval(callKey: string, decision: string): void {
    for (const [recording, used] of this.#used) {
      const recorded = recording.approvals.get(callKey);
      if (!recorded) continue;
      used.add(`approval:${callKey}`);
      if (recorded.decision === decision) continue;
      const error = this.#drift(
        callKey,
        `the call was ${decision}, but ${recording.file} has it ${recorded.decision}`,
        this.options.mode === "fail",
      );
      if (this.options.mode === "fail") this.options.fail(error);
    }
  }

  /**
   * Ends the replay of a run that succeeded: recorded exchanges the run never asked for are
   * drift. Contract: throws a ReplayDriftError for them in `fail` mode.
   */
  complete(): void {
    for (const [recording, used] of this.#used) {
      const unused = [
        ...[...recording.exchanges.keys()].filter((key) => !used.has(key)),
        ...[...recording.approvals.keys()]
          .filter((key) => !used.has(`approval:${key}`))
          .map((key) => `approval of ${key}`),
      ];
      if (unused.length === 0) continue;
      const fatal = this.options.mode === "fail";
      const error = this.#drift(
        // Non-null: this runs only when something is unused.
        unused[0]!.replace(/^approval of /, ""),
        `the run ended without using ${unused.length} recorded ${unused.length === 1 ? "entry" : "entries"} of ${recording.file}: ${unused.join(", ")}`,
        fatal,
      );
      if (fatal) throw error;
    }
  }

  /** The recordings this run has replayed from. */
  recordings(): Recording[] {
    return [...this.#used.keys()];
  }

  #usedOf(recording: Recording): Set<string> {
    let used = this.#used.get(recording);
    if (!used) {
      used = new Set();
      this.#used.set(recording, used);
    }
    return used;
  }

  #drift(key: string, detail: string, fatal: boolean): ReplayDriftError {
    const step = stepOfKey(key);
    const where = `call path ${pathOfKey(key).join(" > ")}${step === undefined ? "" : `, step ${step}`}`;
    const message = `Replay drift at ${key} (${where}): ${detail}`;
    this.options.onDrift({ key, message, fatal });
    return new ReplayDriftError(message, key);
  }
}

function nearbyKeys(recording: Recording, key: string): string {
  const call = callKeyOf(key);
  const keys = [...recording.exchanges.keys()];
  const sameCall = keys.filter((candidate) => callKeyOf(candidate) === call);
  if (sameCall.length > 0) return `recorded for this call: ${sameCall.join(", ")}`;
  if (keys.length === 0) return "the recording is empty";
  const shown = keys.slice(0, 8).join(", ");
  return `recorded: ${shown}${keys.length > 8 ? `, and ${keys.length - 8} more` : ""}`;
}
