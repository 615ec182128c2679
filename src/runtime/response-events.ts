/**
 * @module The events of one worker's model responses, from the provider's stream parts as they
 * arrive: text and reasoning deltas, the end of each text block, provider-executed tool calls,
 * retries, and the output of a failed attempt that a retry discards.
 */
import type { LanguageModelV4StreamPart } from "@ai-sdk/provider";
import type { RunEvent } from "../events/run-event.js";
import type { ResponseAssembler } from "../models/response-assembler.js";
import type { RetryNotice } from "../models/retry-notice.js";
import { serverToolEvent } from "../models/server-tool-event.js";

/** Turns one worker's stream parts and retries into events. */
export class ResponseEvents {
  /** The attempt being streamed (its text is reported as discarded if it fails midway). */
  #response: ResponseAssembler | undefined;
  /** Responses completed so far; the current one is `step + 1`. */
  #step = 0;

  constructor(
    private readonly where: { callId: string; path: string[] },
    private readonly emit: (event: RunEvent) => void,
    private readonly modelId: string,
  ) {}

  /** One part of the current response, and the response before it (see `StreamPartListener`). */
  onPart(part: LanguageModelV4StreamPart, response: ResponseAssembler): void {
    this.#response = response;
    const { callId, path } = this.where;
    switch (part.type) {
      case "text-delta":
        this.emit({ type: "text-delta", callId, path, text: part.delta });
        break;
      case "text-end":
        this.emit({ type: "text-end", callId, path, text: response.openText(part.id) });
        break;
      case "reasoning-delta":
        this.emit({ type: "reasoning-delta", callId, path, text: part.delta });
        break;
      case "tool-call":
      case "tool-result": {
        const event = serverToolEvent(part, this.where);
        if (event) this.emit(event);
        break;
      }
    }
  }

  /** A failed attempt is retried: a response that broke off has its output discarded. */
  onRetry(notice: RetryNotice): void {
    const { callId, path } = this.where;
    this.emit({ type: "model-retry", callId, path, model: this.modelId, ...notice });
    if (notice.midStream) {
      const streamed = this.#response?.streamed() ?? { text: "", reasoning: "" };
      this.emit({ type: "model-output-discarded", callId, path, step: this.#step + 1, ...streamed });
    }
    this.#response = undefined;
  }

  /** The current response is complete; returns its step number (1-based). */
  onResponseEnd(): number {
    this.#response = undefined;
    this.#step += 1;
    return this.#step;
  }
}
