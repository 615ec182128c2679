import { expect, expectTypeOf, test } from "vitest";
import {
  AbortError,
  ApprovalDeniedError,
  ConfigError,
  ERROR_CODES,
  InternalError,
  isLlmDoError,
  type LlmDoErrorOf,
  UsageError,
} from "./errors.js";

test("isLlmDoError recognises an llm-do error by its code, with or without a code to match", () => {
  const error = new ApprovalDeniedError("write_file", "denied", "blocked");
  expect(isLlmDoError(error)).toBe(true);
  expect(isLlmDoError(error, "APPROVAL_DENIED")).toBe(true);
  expect(isLlmDoError(error, "ABORTED")).toBe(false);
  expect(isLlmDoError(new UsageError("no prompt"), "CONFIG_INVALID")).toBe(false);
  expect(isLlmDoError(new ConfigError("bad"), "CONFIG_INVALID")).toBe(true);
});

test("isLlmDoError accepts an error from another copy of the package (same code, other class)", () => {
  class ForeignAbort extends Error {
    readonly code = "ABORTED";
  }
  expect(isLlmDoError(new ForeignAbort("stop"), "ABORTED")).toBe(true);
});

test("isLlmDoError rejects look-alikes: plain objects, unknown codes, Node system errors", () => {
  expect(isLlmDoError({ code: "ABORTED", message: "x" }, "ABORTED")).toBe(false);
  expect(isLlmDoError(Object.assign(new Error("gone"), { code: "ENOENT" }))).toBe(false);
  expect(isLlmDoError(Object.assign(new Error("inherited"), { code: "toString" }))).toBe(false);
  expect(isLlmDoError(new Error("plain"))).toBe(false);
  expect(isLlmDoError(undefined)).toBe(false);
  expect(isLlmDoError(null, "ABORTED")).toBe(false);
  expect(isLlmDoError("ABORTED")).toBe(false);
});

test("every class's code is in ERROR_CODES", () => {
  const codes = [new AbortError(), new InternalError("x"), new ConfigError("y")].map((error) => error.code);
  for (const code of codes) expect(ERROR_CODES).toContain(code);
  expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
});

test("a code narrows to its class", () => {
  const error: unknown = new ApprovalDeniedError("shell", "no");
  if (isLlmDoError(error, "APPROVAL_DENIED")) expectTypeOf(error).toEqualTypeOf<ApprovalDeniedError>();
  expectTypeOf<LlmDoErrorOf<"ABORTED">>().toEqualTypeOf<AbortError>();
  expectTypeOf<LlmDoErrorOf<"USAGE">>().toEqualTypeOf<UsageError>();
});
