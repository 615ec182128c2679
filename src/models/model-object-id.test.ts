import { createAnthropic } from "@ai-sdk/anthropic";
import { createGoogleGenerativeAI } from "@ai-sdk/google";
import { createOpenAI } from "@ai-sdk/openai";
import { describe, expect, test } from "vitest";
import { scriptedModel } from "../testing/index.js";
import { modelObjectId } from "./model-object-id.js";

describe("modelObjectId", () => {
  test("names the AI SDK's model objects as llm-do's model strings do", () => {
    const openai = createOpenAI({ apiKey: "x" });
    expect(modelObjectId(createAnthropic({ apiKey: "x" })("claude-haiku-4-5"))).toBe(
      "anthropic:claude-haiku-4-5",
    );
    expect(modelObjectId(openai.responses("gpt-4.1-mini"))).toBe("openai:gpt-4.1-mini");
    expect(modelObjectId(openai.chat("gpt-4.1-mini"))).toBe("openai-chat:gpt-4.1-mini");
    expect(modelObjectId(createGoogleGenerativeAI({ apiKey: "x" })("gemini-2.5-flash"))).toBe(
      "google:gemini-2.5-flash",
    );
  });

  test("keeps a provider id without a family as it is", () => {
    expect(modelObjectId(scriptedModel([]))).toMatch(/^scripted:/);
  });
});
