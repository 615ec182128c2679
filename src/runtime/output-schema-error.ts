/**
 * @module A model answer that breaks the worker's `schema_out`, as one line naming the worker,
 * what is wrong and what the model said, instead of the AI SDK's "No object generated" with its
 * issues as pretty-printed JSON.
 */
import { JSONParseError, NoObjectGeneratedError } from "ai";
import { ModelCallError } from "../errors.js";
import { describeValidationError } from "../util/describe-validation-error.js";

/** How much of the answer the message quotes. */
const QUOTED_ANSWER_CHARS = 200;

/**
 * `main: the model's answer does not match schema_out: score: expected number, received string
 * (answer: {"score":"high"})`, when `error` is the AI SDK's NoObjectGeneratedError; else
 * `undefined`. Still a ModelCallError (code MODEL_CALL): the model failed the call.
 */
export function outputSchemaError(
  error: unknown,
  worker: string,
  modelId: string,
): ModelCallError | undefined {
  if (!NoObjectGeneratedError.isInstance(error)) return undefined;
  const problem =
    error.cause === undefined || JSONParseError.isInstance(error.cause)
      ? "the model's answer is not JSON, and schema_out asks for it"
      : `the model's answer does not match schema_out: ${describeValidationError(error.cause)}`;
  const answer = error.text === undefined ? "" : ` (answer: ${quote(error.text)})`;
  return new ModelCallError(
    `${worker}: ${problem}${answer}`,
    { provider: modelId.split(":")[0] ?? modelId, modelId },
    { cause: error },
  );
}

function quote(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > QUOTED_ANSWER_CHARS ? `${line.slice(0, QUOTED_ANSWER_CHARS)}...` : line;
}
