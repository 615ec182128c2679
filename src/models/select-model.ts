/**
 * @module Which model a worker runs with: precedence, inheritance and `compatible_models`.
 */
import type { LanguageModelV4 } from "@ai-sdk/provider";
import { ConfigError } from "../errors.js";
import { modelObjectId } from "./model-object-id.js";

/** A model string or an injected model object. */
export type ModelSpec = string | LanguageModelV4;

/** What a worker's model is chosen from. */
export interface ModelChoice {
  /** The worker's name, for messages. */
  workerName: string;
  /** The worker's front-matter `model`. */
  own?: string;
  /** The worker's `compatible_models` patterns. */
  compatibleModels?: readonly string[];
  /** `--model` (applies to the entry worker only, and to workers a code entry calls). */
  override?: ModelSpec;
  /** The caller's resolved model (nested workers inherit it). */
  inherited?: ModelSpec;
  /** `LLM_DO_MODEL`. */
  environment?: string;
  /** True for the entry worker. */
  isEntry: boolean;
}

/** The id of a spec, for matching and messages. */
export function modelSpecId(spec: ModelSpec): string {
  return typeof spec === "string" ? spec : modelObjectId(spec);
}

/**
 * Chooses the model. Entry: `--model` > front matter > `LLM_DO_MODEL`. Nested: front matter >
 * the caller's model. A model that did not come from the worker's own front matter must match
 * its `compatible_models`. Contract: throws ConfigError when nothing is configured or the
 * choice is not compatible.
 */
export function selectModel(choice: ModelChoice): ModelSpec {
  const external = choice.isEntry
    ? (choice.override ?? (choice.own ? undefined : (choice.inherited ?? choice.environment)))
    : choice.own
      ? undefined
      : (choice.inherited ?? choice.override ?? choice.environment);
  if (external === undefined) {
    if (choice.own) return choice.own;
    throw new ConfigError(
      `No model configured for worker '${choice.workerName}': set 'model' in its front matter, pass --model, or set LLM_DO_MODEL`,
    );
  }
  if (choice.compatibleModels)
    checkCompatible(choice.workerName, modelSpecId(external), choice.compatibleModels);
  return external;
}

/** Throws unless `modelId` matches one of the glob patterns (case-insensitive). */
export function checkCompatible(workerName: string, modelId: string, patterns: readonly string[]): void {
  if (patterns.some((pattern) => globMatches(pattern, modelId))) return;
  const list = patterns.map((pattern) => `'${pattern}'`).join(", ");
  throw new ConfigError(
    `Model '${modelId}' is not compatible with worker '${workerName}' (compatible_models: ${list})`,
  );
}

/**
 * Shell-style glob matching (`*`, `?`, `[...]`), trimmed and case-insensitive. Written here (12
 * lines) because model ids contain `/` (`openrouter:anthropic/claude-sonnet-4`), which `*` must
 * cross; minimatch and `path.matchesGlob` treat it as a path separator.
 */
export function globMatches(pattern: string, value: string): boolean {
  return globToRegExp(pattern.trim().toLowerCase()).test(value.trim().toLowerCase());
}

function globToRegExp(pattern: string): RegExp {
  let source = "";
  for (let index = 0; index < pattern.length; index++) {
    // Non-null: index runs within the pattern.
    const char = pattern[index]!;
    if (char === "*") source += ".*";
    else if (char === "?") source += ".";
    else if (char === "[") {
      const close = pattern.indexOf("]", index + 1);
      if (close === -1) {
        source += "\\[";
        continue;
      }
      let body = pattern.slice(index + 1, close);
      if (body.startsWith("!")) body = `^${body.slice(1)}`;
      source += `[${body.replace(/\\/g, "\\\\")}]`;
      index = close;
    } else source += char.replace(/[.+^${}()|\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}
