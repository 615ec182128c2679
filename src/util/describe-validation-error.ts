/**
 * @module A failed schema validation as one line: `year: expected number, received string;
 * unrecognized key "extra"`, from zod issues (directly, or as the cause of the AI SDK's
 * `TypeValidationError`).
 */

interface Issue {
  path?: readonly PropertyKey[];
  message?: string;
}

/** The issues as `path: message` joined by `; `, or the error's message when it has none. */
export function describeValidationError(error: unknown): string {
  const issues = issuesOf(error) ?? issuesOf((error as { cause?: unknown } | null)?.cause);
  if (!issues || issues.length === 0) {
    return error instanceof Error ? error.message.replace(/\s+/g, " ") : String(error);
  }
  return issues.map(describeIssue).join("; ");
}

function issuesOf(value: unknown): Issue[] | undefined {
  if (Array.isArray(value)) return value as Issue[];
  const issues = (value as { issues?: unknown } | null | undefined)?.issues;
  return Array.isArray(issues) ? (issues as Issue[]) : undefined;
}

function describeIssue(issue: Issue): string {
  const message = String(issue.message ?? "invalid").replace(/^Invalid (input|option): /, "");
  const path = (issue.path ?? []).map(String).join(".");
  return path ? `${path}: ${message}` : lowerFirst(message);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
