/**
 * @module The options `llm-do` and `llm-do batch` share, with their value parsers: one
 * definition, so that a limit or a check holds the same way in both commands.
 */
import { InvalidArgumentError, Option } from "commander";
import { DEFAULT_MAX_DEPTH, MAX_DEPTH_LIMIT } from "../runtime/run-limits.js";

/** What a limit limits, for the help text: one run, or the whole batch. */
export type LimitScope = "run" | "batch";

/** Commander's parser of a positive integer option value. */
export function parsePositiveInteger(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(number) || number < 1) {
    throw new InvalidArgumentError("expected a positive integer");
  }
  return number;
}

/** Commander's parser of a positive number option value. */
export function parsePositiveNumber(value: string): number {
  const number = Number(value);
  if (value.trim() === "" || !Number.isFinite(number) || number <= 0) {
    throw new InvalidArgumentError("expected a positive number");
  }
  return number;
}

function parseDepth(value: string): number {
  const depth = parsePositiveInteger(value);
  if (depth > MAX_DEPTH_LIMIT) {
    throw new InvalidArgumentError(`the deepest nesting allowed is ${MAX_DEPTH_LIMIT}`);
  }
  return depth;
}

/** `--max-depth N`, at most {@link MAX_DEPTH_LIMIT}. */
export function maxDepthOption(): Option {
  return new Option(
    "--max-depth <n>",
    `deepest worker nesting allowed (default ${DEFAULT_MAX_DEPTH}, at most ${MAX_DEPTH_LIMIT})`,
  ).argParser(parseDepth);
}

/** `--max-cost USD`. */
export function maxCostOption(scope: LimitScope): Option {
  return new Option("--max-cost <usd>", `stop the ${scope} once its estimated cost passes USD`).argParser(
    parsePositiveNumber,
  );
}

/** `--max-tokens N`. */
export function maxTokensOption(scope: LimitScope): Option {
  return new Option(
    "--max-tokens <n>",
    `stop the ${scope} once it has used N tokens (input + output)`,
  ).argParser(parsePositiveInteger);
}

/** `--max-calls N`. */
export function maxCallsOption(scope: LimitScope): Option {
  return new Option("--max-calls <n>", `allow at most N model requests in the ${scope}`).argParser(
    parsePositiveInteger,
  );
}

/** `--replay-drift fail|report`. */
export function replayDriftOption(): Option {
  return new Option(
    "--replay-drift <mode>",
    "when a replay (--model replay:FILE) diverges: fail (default) or report",
  ).choices(["fail", "report"]);
}
