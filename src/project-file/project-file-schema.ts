/**
 * @module The zod schema of a project file (`llm-do.yaml`), with messages ready for
 * `file:line:col: <message>`.
 */
import { z } from "zod";
import { RateLimitsField } from "../durable/provider-rate-limits.js";
import { describeValue, mappingOf, mustBe } from "../worker/schema-messages.js";

/** The fields, in the order the valid-fields list shows them. */
export const PROJECT_FILE_FIELDS = [
  "entry",
  "files",
  "model",
  "approval",
  "max_depth",
  "input",
  "created_workers",
  "rate_limits",
] as const;

/** How calls that need approval are decided when no flag says. */
export const PROJECT_APPROVALS = ["ask", "approve_all", "reject_all"] as const;

const fileEntry = z
  .string({
    error: (issue) => `files${label(issue.path)} must be a file name (got ${describeValue(issue.input)})`,
  })
  .min(1, { error: (issue) => `files${label(issue.path)} must not be empty` });

function label(path: readonly PropertyKey[] | undefined): string {
  const index = path?.at(-1);
  return typeof index === "number" ? `[${index}]` : "";
}

const nonEmptyString = (description: string) =>
  z.string(mustBe(description)).refine((value) => value.trim() !== "", mustBe(description));

/** A project file, as written. */
export const ProjectFileFields = z.strictObject(
  {
    entry: nonEmptyString("a worker or tool name").optional(),
    files: z
      .array(fileEntry, {
        error: (issue) =>
          issue.input === undefined
            ? "missing required field 'files': list the project's .worker and tool files"
            : `field 'files' must be a list of .worker and tool files (got ${describeValue(issue.input)})`,
      })
      .min(1, { error: () => "field 'files' is empty: list the project's .worker and tool files" }),
    model: z
      .string(mustBe("a string 'provider:model-id'"))
      .refine((value) => /^[^:]*\S[^:]*:.*\S/.test(value), {
        error: (issue) => `invalid model '${String(issue.input)}': expected 'provider:model-id'`,
      })
      .optional(),
    approval: z.enum(PROJECT_APPROVALS, mustBe(PROJECT_APPROVALS.join(", "))).optional(),
    max_depth: z
      .number(mustBe("a positive integer"))
      .int(mustBe("a positive integer"))
      .positive(mustBe("a positive integer"))
      .optional(),
    input: z
      .union(
        [z.string(), z.record(z.string(), z.unknown())],
        mustBe("a prompt or a mapping (an object input)"),
      )
      .optional(),
    created_workers: nonEmptyString("a folder").optional(),
    rate_limits: RateLimitsField.optional(),
  },
  mappingOf(PROJECT_FILE_FIELDS, { expected: "a mapping of fields (entry, files, model, ...)" }),
);

/** A project file, validated. */
export type ProjectFileFields = z.infer<typeof ProjectFileFields>;
