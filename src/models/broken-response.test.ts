import { InvalidResponseDataError, JSONParseError, TypeValidationError } from "@ai-sdk/provider";
import { describe, expect, test } from "vitest";
import {
  BrokenResponseError,
  incompleteResponseProblem,
  unreadableResponseProblem,
} from "./broken-response.js";

const stream = { contentType: "text/event-stream; charset=utf-8", bytes: 120 };

describe("incompleteResponseProblem", () => {
  test("a finish part is a complete answer, whatever it says", () => {
    for (const finishReason of ["stop", "tool-calls", "length", "content-filter", "other"]) {
      expect(
        incompleteResponseProblem({
          provider: "anthropic.messages",
          finishReason,
          sawEvents: true,
          http: stream,
        }),
      ).toBeUndefined();
    }
  });

  test("no finish part, or an `interrupted` one, names the provider's missing finish event", () => {
    const ending = { finishReason: undefined, sawEvents: true, http: stream };
    expect(incompleteResponseProblem({ ...ending, provider: "anthropic.messages" })).toBe(
      "the response stream ended without message_stop",
    );
    expect(
      incompleteResponseProblem({ ...ending, provider: "openai.chat", finishReason: "interrupted" }),
    ).toBe("the response stream ended without a finish_reason");
    expect(incompleteResponseProblem({ ...ending, provider: "openai.responses" })).toBe(
      "the response stream ended without response.completed",
    );
    expect(incompleteResponseProblem({ ...ending, provider: "google.generative-ai" })).toBe(
      "the response stream ended without a finishReason",
    );
    expect(incompleteResponseProblem({ ...ending, provider: "ollama.chat" })).toBe(
      "the response stream ended without a finish_reason",
    );
    expect(incompleteResponseProblem({ ...ending, provider: "test", http: undefined })).toBe(
      "the response stream ended without a finish event",
    );
  });

  test("what the HTTP response looked like comes first: empty, not a stream, no events", () => {
    const ending = { provider: "anthropic.messages", finishReason: undefined, sawEvents: false };
    expect(incompleteResponseProblem({ ...ending, http: { ...stream, bytes: 0 } })).toBe(
      "the response body was empty",
    );
    expect(
      incompleteResponseProblem({ ...ending, http: { contentType: "application/json", bytes: 2 } }),
    ).toBe("the response was application/json, not an event stream");
    expect(incompleteResponseProblem({ ...ending, http: { contentType: undefined, bytes: 2 } })).toBe(
      "the response was not an event stream: it had no content-type",
    );
    expect(incompleteResponseProblem({ ...ending, http: stream })).toBe("the response stream held no events");
  });
});

describe("unreadableResponseProblem", () => {
  test("parse and validation errors become one line, cut", () => {
    const parse = new JSONParseError({ text: "{not\njson", cause: new SyntaxError("x") });
    expect(unreadableResponseProblem(parse)).toBe(
      "the response stream held an event that is not valid JSON: {not json",
    );
    const shape = new TypeValidationError({
      value: { type: "bogus", text: "x".repeat(200) },
      cause: new Error("no"),
    });
    const problem = unreadableResponseProblem(shape);
    expect(problem).toMatch(
      /^the response stream held an event of an unknown shape: \{"type":"bogus","text":"x+\.\.\.$/,
    );
    expect(problem).not.toContain("\n");
    expect(
      unreadableResponseProblem(
        new InvalidResponseDataError({
          data: undefined,
          message: "Response stream ended without a finish reason.",
        }),
      ),
    ).toBe("the response stream ended without a finish_reason");
    expect(
      unreadableResponseProblem(
        new InvalidResponseDataError({ data: {}, message: "Expected 'id' to be a string." }),
      ),
    ).toBe("the response was invalid: Expected 'id' to be a string");
  });

  test("other errors keep their own handling", () => {
    expect(unreadableResponseProblem(new TypeError("terminated"))).toBeUndefined();
    expect(unreadableResponseProblem({ type: "overloaded_error", message: "Overloaded" })).toBeUndefined();
  });
});

test("BrokenResponseError carries the problem and the status", () => {
  const error = new BrokenResponseError("the response body was empty", 200);
  expect(error).toMatchObject({ problem: "the response body was empty", status: 200 });
  expect(error.message).toBe("the response body was empty (HTTP 200)");
});
