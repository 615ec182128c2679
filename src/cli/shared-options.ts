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

const DURATION_UNITS: Readonly<Record<string, number>> = { "": 1, s: 1, m: 60, h: 3600, d: 86_400 };

/** Commander's parser of a duration (`90`, `90s`, `30m`, `2h`, `1d`) into milliseconds. */
export function parseDuration(value: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$/.exec(value);
  // Non-null: the pattern matched, so both groups exist, and its unit group is one of the table's keys.
  const seconds = match ? Number(match[1]) * DURATION_UNITS[match[2]!]! : Number.NaN;
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new InvalidArgumentError("expected a duration such as 90s, 30m, 2h or 1d");
  }
  return Math.round(seconds * 1000);
}

/** `--approval-timeout DURATION`: durable runs deny a call nobody decided within it. */
export function approvalTimeoutOption(): Option {
  return new Option(
    "--approval-timeout <duration>",
    "durable runs: deny a call that waits for approval longer than this (90s, 30m, 2h, 1d; default: wait until decided)",
  ).argParser(parseDuration);
}
