/**
 * @module The exchange `--record` keeps for one model request. Recording a replayed run keeps
 * the recorded answer as it was written (not as the replay streamed it, with default usage) and
 * the request this run made, so re-recording a script fills in its `request` fields.
 */
import type { RecordedExchange, RecordedRequest, RecordedResponse } from "./recording.js";

/** Options of {@link exchangeToRecord}. */
export interface ExchangeToRecordOptions {
  /** The request's key, e.g. `main/1 > analyzer/2`. */
  key: string;
  /** The request this run made. */
  request: RecordedRequest;
  /** The answer as the run received it. */
  response: RecordedResponse;
  /** The model that answered a live request (`provider:model-id`). */
  model: string;
  /** When the answer came from a recording: the recorded exchange it came from. */
  replayed?: RecordedExchange;
}

/** The exchange to record. */
export function exchangeToRecord(options: ExchangeToRecordOptions): RecordedExchange {
  const { key, request, response, model, replayed } = options;
  if (!replayed) return { key, request: { model, ...request }, response };
  const recordedModel = replayed.request?.model;
  return {
    key,
    request: { ...(recordedModel ? { model: recordedModel } : {}), ...request },
    response: replayed.response,
  };
}
