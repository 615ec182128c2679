import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import {
  AbortError,
  ApprovalDeniedError,
  ConfigError,
  DepthLimitError,
  ERROR_CODES,
  InternalError,
  ModelCallError,
  NotFoundError,
  StepLimitError,
  ToolExecutionError,
  UsageError,
  WorkerFileError,
} from "../errors.js";
import { exitCodeByErrorCode, exitCodeFor } from "./exit-codes.js";

test.each([
  [new UsageError("x"), 2],
  [new AbortError(), 130],
  [new WorkerFileError("a.worker", 1, 1, "x"), 1],
  [new ConfigError("x"), 1],
  [new ToolExecutionError("t", "x"), 1],
  [new ApprovalDeniedError("t", "x", "denied", true), 1],
  [new DepthLimitError("x"), 1],
  [new StepLimitError("x", { worker: "main", callPath: ["main"], maxSteps: 3 }), 1],
  [new NotFoundError("x"), 1],
  [new ModelCallError("x", { status: 529 }), 1],
  [new InternalError("x"), 1],
  [new Error("anything else"), 1],
  ["a thrown string", 1],
  [Object.assign(new Error("from another copy of llm-do"), { code: "USAGE" }), 2],
])("%o -> exit %i", (error, code) => {
  expect(exitCodeFor(error)).toBe(code);
});

test("every llm-do error code has a row in the table", () => {
  expect(ERROR_CODES.filter((code) => !Object.hasOwn(exitCodeByErrorCode, code))).toEqual([]);
});

test("docs/cli.md lists every error code with its exit code", () => {
  const docs = readFileSync(path.resolve(import.meta.dirname, "../../docs/cli.md"), "utf8");
  const rows = new Map(
    [...docs.matchAll(/^\| `([A-Z_]+)` +\| (\d+) +\|/gm)].map((match) => [match[1], Number(match[2])]),
  );
  expect(Object.fromEntries(ERROR_CODES.map((code) => [code, rows.get(code)]))).toEqual(exitCodeByErrorCode);
});
