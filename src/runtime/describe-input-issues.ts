/**
 * @module One line for a failed input validation: `'n': expected number, received undefined;
 * 'name': expected string, received undefined`, instead of zod's indented JSON.
 */
import { errorMessage } from "../errors.js";

interface Issue {
  path?: readonly PropertyKey[];
  message: string;
}

function isIssueList(value: unknown): value is Issue[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((issue) => typeof (issue as { message?: unknown })?.message === "string")
  );
}

/** The issues of a validation error, one after another; any other error's message. */
export function describeInputIssues(error: unknown): string {
  const issues = (error as { issues?: unknown } | null)?.issues;
  if (!isIssueList(issues)) return errorMessage(error);
  return issues
    .map((issue) => {
      const path = (issue.path ?? []).map(String).join(".");
      const message = issue.message.replace(/^Invalid input: /, "");
      return path === "" ? message : `'${path}': ${message}`;
    })
    .join("; ");
}
