import { describe, expect, it } from "vitest";
import { exchangeToRecord } from "./exchange-to-record.js";

const request = {
  instructions: "sha256:0123456789abcdef",
  tools: ["add"],
  messages: [{ role: "user" as const, text: "What is 2 + 3?" }],
};
const streamed = { text: "5", usage: { input_tokens: 10, output_tokens: 5 } };

describe("exchangeToRecord", () => {
  it("keeps a live answer as received, with the model that gave it", () => {
    expect(
      exchangeToRecord({ key: "main/1", request, response: streamed, model: "anthropic:claude-haiku-4-5" }),
    ).toEqual({
      key: "main/1",
      request: { model: "anthropic:claude-haiku-4-5", ...request },
      response: streamed,
    });
  });

  it("keeps a replayed answer as recorded, with this run's request and no replay: model", () => {
    const replayed = { key: "main/1", response: { text: "5", finish_reason: "length" as const } };
    expect(
      exchangeToRecord({
        key: "main/1",
        request,
        response: streamed,
        model: "replay:demo.replay",
        replayed,
      }),
    ).toEqual({ key: "main/1", request, response: replayed.response });
  });

  it("keeps the model a replayed exchange names, and replaces its other request fields", () => {
    const replayed = {
      key: "main/1",
      request: { model: "anthropic:claude-sonnet-4-5", instructions: "sha256:ffffffffffffffff" },
      response: { text: "5" },
    };
    expect(
      exchangeToRecord({ key: "main/1", request, response: streamed, model: "replay:x", replayed }),
    ).toEqual({
      key: "main/1",
      request: { model: "anthropic:claude-sonnet-4-5", ...request },
      response: { text: "5" },
    });
  });
});
