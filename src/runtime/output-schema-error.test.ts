import { JSONParseError, NoObjectGeneratedError, TypeValidationError } from "ai";
import { describe, expect, test } from "vitest";
import { z } from "zod";
import { outputSchemaError } from "./output-schema-error.js";

/** The error the AI SDK's `Output.object` throws for `answer` against `{ score: number }`. */
function failureFor(answer: string): NoObjectGeneratedError {
  const base = {
    text: answer,
    response: { id: "r", timestamp: new Date(0), modelId: "m" },
    usage: undefined as never,
    finishReason: "stop" as const,
  };
  let value: unknown;
  try {
    value = JSON.parse(answer);
  } catch (error) {
    const cause = new JSONParseError({ text: answer, cause: error });
    return new NoObjectGeneratedError({
      ...base,
      message: "No object generated: could not parse the response.",
      cause,
    });
  }
  const parsed = z.object({ score: z.number() }).safeParse(value);
  const cause = TypeValidationError.wrap({ value, cause: parsed.error });
  return new NoObjectGeneratedError({
    ...base,
    message: "No object generated: response did not match schema.",
    cause,
  });
}

describe("outputSchemaError", () => {
  test("names the worker, the broken field and quotes the answer, on one line", () => {
    const error = outputSchemaError(failureFor('{"score": "high",\n "extra": 1}'), "scorer", "test:scorer");
    expect(error?.code).toBe("MODEL_CALL");
    expect(error?.message).toBe(
      `scorer: the model's answer does not match schema_out: score: expected number, received string (answer: {"score": "high", "extra": 1})`,
    );
  });

  test("an answer that is not JSON says so", () => {
    const error = outputSchemaError(failureFor("I think it is good."), "scorer", "test:scorer");
    expect(error?.message).toBe(
      "scorer: the model's answer is not JSON, and schema_out asks for it (answer: I think it is good.)",
    );
  });

  test("a long answer is cut", () => {
    const error = outputSchemaError(failureFor(`"${"x".repeat(500)}"`), "scorer", "test:scorer");
    expect(error?.message.length).toBeLessThan(320);
    expect(error?.message).toMatch(/\.\.\.\)$/);
  });

  test("other errors are not its business", () => {
    expect(outputSchemaError(new Error("boom"), "scorer", "test:scorer")).toBeUndefined();
  });
});
