/**
 * @module `judge: WORKER` (with `criteria`): an LLM judge. The judge is a worker whose
 * `schema_out` gives `{ pass: boolean, reason: string }`; it reads the criteria, the input, the
 * output and the expected output, and decides.
 */
import { z } from "zod";
import { errorMessage } from "../../errors.js";
import type { Check } from "../eval-case.js";
import type { CheckContext, CheckOutcome } from "./check-outcome.js";
import { outputText, shortValue } from "./describe-value.js";

/** What a judge must return. */
export const JudgeVerdict = z.object({ pass: z.boolean(), reason: z.string() });
/** What a judge must return. */
export type JudgeVerdict = z.infer<typeof JudgeVerdict>;

const DEFAULT_CRITERIA = "The output is a correct, complete answer to the input.";

/** Asks the judge and reads its verdict. */
export async function judgeCheck(
  check: Extract<Check, { type: "judge" }>,
  context: CheckContext,
): Promise<CheckOutcome> {
  const label = `judge ${check.worker}`;
  let answer: unknown;
  try {
    answer = await context.judge(check.worker, judgePrompt(check, context));
  } catch (error) {
    return { label, pass: false, reason: `the judge failed: ${errorMessage(error)}` };
  }
  const verdict = JudgeVerdict.safeParse(answer);
  if (!verdict.success) {
    return {
      label,
      pass: false,
      reason: `the judge returned ${shortValue(answer)}, not { pass: boolean, reason: string } (give it that schema_out)`,
    };
  }
  return { label, pass: verdict.data.pass, reason: verdict.data.reason };
}

/** The text a judge receives as its input. */
export function judgePrompt(check: Extract<Check, { type: "judge" }>, context: CheckContext): string {
  const sections = [
    "Decide whether the output passes the criteria.",
    `Criteria: ${check.criteria ?? DEFAULT_CRITERIA}`,
    `Input:\n${outputText(context.input)}`,
    `Output:\n${outputText(context.output)}`,
    ...(context.expected
      ? [`Expected output (a reference answer):\n${outputText(context.expected.value)}`]
      : []),
    "Answer with pass (true or false) and a one-sentence reason.",
  ];
  return sections.join("\n\n");
}
