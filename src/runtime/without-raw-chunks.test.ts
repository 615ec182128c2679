import type { LanguageModelV4CallOptions } from "@ai-sdk/provider";
import { describe, expect, test } from "vitest";
import { scriptedModel, text } from "../testing/scripted-model.js";
import { withoutRawChunks } from "./without-raw-chunks.js";

const call = (includeRawChunks: boolean): LanguageModelV4CallOptions => ({
  prompt: [{ role: "user", content: [{ type: "text", text: "hi" }] }],
  includeRawChunks,
});

describe("withoutRawChunks", () => {
  test("asks the provider for no raw chunks, whatever the caller asked", async () => {
    const model = scriptedModel([text("one"), text("two")]);
    const wrapped = withoutRawChunks(model);
    await wrapped.doStream(call(true));
    await wrapped.doStream(call(false));
    expect(model.calls.map((options) => options.includeRawChunks)).toEqual([false, false]);
  });

  test("keeps the model's identity and passes the rest of the call through", async () => {
    const model = scriptedModel([text("one")], { modelId: "scripted-id" });
    const wrapped = withoutRawChunks(model);
    expect([wrapped.specificationVersion, wrapped.provider, wrapped.modelId]).toEqual([
      "v4",
      "scripted",
      "scripted-id",
    ]);
    expect(wrapped.supportedUrls).toEqual(model.supportedUrls);
    await wrapped.doStream(call(true));
    expect(model.calls[0]?.prompt).toEqual(call(true).prompt);
  });
});
