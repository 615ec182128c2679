import { createAnthropic } from "@ai-sdk/anthropic";
import { describe, expect, test } from "vitest";
import { ConfigError } from "../errors.js";
import { scriptedModel } from "../testing/scripted-model.js";
import { checkCompatible, globMatches, type ModelChoice, modelSpecId, selectModel } from "./select-model.js";

const entry = (choice: Partial<ModelChoice>): ModelChoice => ({
  workerName: "main",
  isEntry: true,
  ...choice,
});
const nested = (choice: Partial<ModelChoice>): ModelChoice => ({
  workerName: "child",
  isEntry: false,
  ...choice,
});

function errorOf(action: () => unknown): Error {
  try {
    action();
  } catch (error) {
    if (error instanceof Error) return error;
  }
  throw new Error("expected an error");
}

describe("selectModel: the entry worker", () => {
  test("--model beats the front matter, which beats LLM_DO_MODEL", () => {
    expect(selectModel(entry({ override: "a:flag", own: "a:own", environment: "a:env" }))).toBe("a:flag");
    expect(selectModel(entry({ own: "a:own", environment: "a:env" }))).toBe("a:own");
    expect(selectModel(entry({ environment: "a:env" }))).toBe("a:env");
  });

  test("a model object given as --model is used as it is", () => {
    const model = scriptedModel([]);
    expect(selectModel(entry({ override: model, own: "a:own" }))).toBe(model);
  });

  test("nothing configured is an error that says what to set", () => {
    const error = errorOf(() => selectModel(entry({})));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe(
      "No model configured for worker 'main': set 'model' in its front matter, pass --model, or set LLM_DO_MODEL",
    );
  });
});

describe("selectModel: nested workers", () => {
  test("a worker's own model beats its caller's, --model and LLM_DO_MODEL", () => {
    expect(
      selectModel(nested({ own: "a:own", inherited: "a:caller", override: "a:flag", environment: "a:env" })),
    ).toBe("a:own");
  });

  test("a worker without one inherits its caller's model", () => {
    expect(selectModel(nested({ inherited: "a:caller", override: "a:flag", environment: "a:env" }))).toBe(
      "a:caller",
    );
  });

  test("called from code (no caller model): --model, then LLM_DO_MODEL", () => {
    expect(selectModel(nested({ override: "a:flag", environment: "a:env" }))).toBe("a:flag");
    expect(selectModel(nested({ environment: "a:env" }))).toBe("a:env");
    expect(() => selectModel(nested({}))).toThrow("No model configured for worker 'child'");
  });
});

describe("selectModel: compatible_models", () => {
  const compatibleModels = ["anthropic:*", "openai:gpt-4.1*"];

  test("a model from outside the worker must match one pattern", () => {
    expect(selectModel(entry({ override: "anthropic:claude-haiku-4-5", compatibleModels }))).toBe(
      "anthropic:claude-haiku-4-5",
    );
    expect(selectModel(nested({ inherited: "openai:gpt-4.1-mini", compatibleModels }))).toBe(
      "openai:gpt-4.1-mini",
    );
    expect(selectModel(entry({ environment: "ANTHROPIC:Claude-Opus", compatibleModels }))).toBe(
      "ANTHROPIC:Claude-Opus",
    );
  });

  test("a model that matches none is an error listing the patterns", () => {
    for (const choice of [
      entry({ override: "openai:gpt-4o", compatibleModels }),
      entry({ environment: "openai:gpt-4o", compatibleModels }),
      nested({ inherited: "openai:gpt-4o", compatibleModels }),
    ]) {
      const error = errorOf(() => selectModel(choice));
      expect(error).toBeInstanceOf(ConfigError);
      expect(error.message).toBe(
        `Model 'openai:gpt-4o' is not compatible with worker '${choice.workerName}' (compatible_models: 'anthropic:*', 'openai:gpt-4.1*')`,
      );
    }
  });

  test("only the chosen model is checked: a compatible LLM_DO_MODEL does not rescue an incompatible --model", () => {
    expect(() =>
      selectModel(entry({ override: "google:gemini", environment: "anthropic:claude", compatibleModels })),
    ).toThrow("Model 'google:gemini' is not compatible with worker 'main'");
  });

  test("a model object is matched by its provider:model-id", () => {
    const model = scriptedModel([], { modelId: "gpt-4.1-nano" });
    expect(selectModel(nested({ inherited: model, compatibleModels: ["scripted:gpt-4.1*"] }))).toBe(model);
    expect(() => selectModel(nested({ inherited: model, compatibleModels }))).toThrow(
      "Model 'scripted:gpt-4.1-nano' is not compatible with worker 'child'",
    );
  });

  test("an AI SDK provider's model object is matched under llm-do's provider name", () => {
    const model = createAnthropic({ apiKey: "x" })("claude-haiku-4-5");
    expect(selectModel(nested({ inherited: model, compatibleModels: ["anthropic:*"] }))).toBe(model);
    expect(modelSpecId(model)).toBe("anthropic:claude-haiku-4-5");
  });

  test("with patterns but no model anywhere, the error is that no model is configured", () => {
    expect(() => selectModel(entry({ compatibleModels }))).toThrow("No model configured for worker 'main'");
  });
});

describe("checkCompatible", () => {
  test("passes on the first matching pattern, throws naming the model, the worker and every pattern", () => {
    expect(() => checkCompatible("w", "openai:gpt-4o", ["anthropic:*", "*"])).not.toThrow();
    expect(errorOf(() => checkCompatible("w", "openai:gpt-4o", ["anthropic:*"])).message).toBe(
      "Model 'openai:gpt-4o' is not compatible with worker 'w' (compatible_models: 'anthropic:*')",
    );
  });
});

describe("globMatches", () => {
  test.each([
    ["anthropic:claude-haiku-4-5", "anthropic:claude-haiku-4-5", true],
    ["Anthropic:Claude-Haiku-4-5", "anthropic:CLAUDE-haiku-4-5", true],
    ["  anthropic:*  ", " anthropic:claude-haiku-4-5 ", true],
    ["*", "anything:at-all", true],
    ["anthropic:*", "openai:gpt-4o", false],
    ["anthropic:claude-haiku-*", "anthropic:claude-haiku-4-5-20251001", true],
    // No implicit prefix match.
    ["anthropic:claude", "anthropic:claude-haiku-4-5", false],
    ["anthropic:claude*", "anthropic:claude-haiku-4-5", true],
    ["openai:gpt-4?", "openai:gpt-4o", true],
    ["openai:gpt-4?", "openai:gpt-4", false],
    ["openai:gpt-4[ot]", "openai:gpt-4t", true],
    ["openai:gpt-4[a-c]", "openai:gpt-4o", false],
    ["openai:gpt-4[!o]", "openai:gpt-4o", false],
    ["openai:gpt-4[!o]", "openai:gpt-4x", true],
    // Regular-expression characters are literal.
    ["openai:gpt-4.1", "openai:gpt-4x1", false],
    ["openai:gpt-4.1", "openai:gpt-4.1", true],
    ["a+b:(x)|y", "a+b:(x)|y", true],
    ["a+b:(x)|y", "aab:x", false],
    ["ollama:llama3.2$", "ollama:llama3.2$", true],
    // An unclosed bracket is a literal character.
    ["odd:[model", "odd:[model", true],
    ["odd:[model", "odd:m", false],
  ])("%j against %j: %s", (pattern, value, expected) => {
    expect(globMatches(pattern, value)).toBe(expected);
  });
});

describe("modelSpecId", () => {
  test("a string is its own id; a model object is provider:model-id", () => {
    expect(modelSpecId("anthropic:claude-haiku-4-5")).toBe("anthropic:claude-haiku-4-5");
    expect(modelSpecId(scriptedModel([], { modelId: "m1" }))).toBe("scripted:m1");
  });
});
