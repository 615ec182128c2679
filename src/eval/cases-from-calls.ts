/**
 * @module `cases-from`: picks calls of a run (`--call PATH`, or the entry) and makes each one a
 * case whose input is what the call received and whose `expected` is what it returned.
 */
import { ConfigError } from "../errors.js";
import { KEY_SEPARATOR, normalizeKey } from "../record/exchange-key.js";
import { nameOf, type RecordedCall } from "./recorded-call.js";

/** A case made from a call. */
export interface CaseFromCall {
  name: string;
  input: unknown;
  expected: unknown;
  /** `<file>: <call key>`. */
  from: string;
}

/** What `cases-from` made. */
export interface CasesFromCalls {
  /** The name of the calls: the cases' target. */
  target: string;
  cases: CaseFromCall[];
  /** Calls that matched but could not become cases, with the reason. */
  skipped: { key: string; why: string }[];
}

/**
 * True when `call` matches `pattern`: a pattern with steps or `#n` (`main/2 > analyzer`) is one
 * exact call key; a path of names (`analyzer`, `main > analyzer`) matches every call whose path
 * ends with those names.
 */
export function matchesCall(call: RecordedCall, pattern: string): boolean {
  const normalized = normalizeKey(pattern);
  if (/[/#]/.test(normalized)) return normalizeKey(call.key) === normalized;
  const names = normalized.split(KEY_SEPARATOR);
  const tail = call.path.slice(-names.length);
  return tail.length === names.length && tail.every((name, index) => name === names[index]);
}

/**
 * The cases for the calls matching `pattern` (default: the entry's calls) in a run read from
 * `file`. Contract: throws a ConfigError when no call matches, when the matches have different
 * names (without `--call`), or when none of them can become a case.
 */
export function casesFromCalls(
  calls: readonly RecordedCall[],
  options: { file: string; pattern?: string },
): CasesFromCalls {
  const { file, pattern } = options;
  const matched = calls.filter((call) =>
    pattern === undefined ? call.path.length === 1 : matchesCall(call, pattern),
  );
  if (matched.length === 0) {
    throw new ConfigError(
      `${file}: no recorded call matches '${pattern ?? "the entry"}' (calls: ${listCalls(calls)})`,
    );
  }
  const names = [...new Set(matched.map(nameOf))];
  if (names.length > 1) {
    throw new ConfigError(
      `${file}: the run has calls of ${names.join(", ")} at the top: choose one with --call`,
    );
  }
  // Non-null: the caller passes at least one name.
  const target = names[0]!;
  const cases: CaseFromCall[] = [];
  const skipped: CasesFromCalls["skipped"] = [];
  for (const call of matched) {
    if (call.type === "unknown") {
      skipped.push({ key: call.key, why: call.why });
      continue;
    }
    cases.push({
      name: `${target}-${cases.length + 1}`,
      input: call.input,
      expected: call.output,
      from: `${file}: ${call.key}`,
    });
  }
  if (cases.length === 0) {
    const reasons = skipped.map((item) => `${item.key}: ${item.why}`).join("; ");
    throw new ConfigError(`${file}: no call of '${target}' can become a case (${reasons})`);
  }
  return { target, cases, skipped };
}

function listCalls(calls: readonly RecordedCall[]): string {
  if (calls.length === 0) return "none";
  const shown = calls.slice(0, 12).map((call) => call.key);
  return `${shown.join(", ")}${calls.length > shown.length ? `, and ${calls.length - shown.length} more` : ""}`;
}
