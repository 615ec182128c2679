import { describe, expect, it } from "vitest";
import { AbortError } from "../errors.js";
import { type ApprovalPolicy, normalizePolicy, type PolicyAnswer } from "./approval-policy.js";
import type { ApprovalRequest } from "./approval-types.js";

const request: ApprovalRequest = {
  toolName: "write_file",
  input: { path: "a.txt" },
  description: "Write 1 chars to a.txt",
  callPath: ["main", "write_file"],
  depth: 1,
};

describe("normalizePolicy", () => {
  it("turns a throwing policy or prompt into a ConfigError naming it and the call, and lets an abort through", async () => {
    const failing = normalizePolicy(async function allowList() {
      throw new Error("allow.json: no such file");
    });
    await expect(failing.decide(request)).rejects.toMatchObject({
      code: "CONFIG_INVALID",
      message: "Approval policy 'allowList' failed for write_file: allow.json: no such file",
    });
    const prompt = normalizePolicy({
      prompt: () => {
        throw "the terminal went away";
      },
    });
    await expect(prompt.decide(request)).rejects.toMatchObject({
      message: "Approval prompt failed for write_file: the terminal went away",
    });
    const aborted = normalizePolicy({
      prompt: () => {
        throw new AbortError();
      },
    });
    await expect(aborted.decide(request)).rejects.toBeInstanceOf(AbortError);
  });

  it("takes the design's strings from a policy function", async () => {
    const answers: PolicyAnswer[] = ["approve", "reject"];
    const decided = await Promise.all(answers.map((answer) => normalizePolicy(() => answer).decide(request)));
    expect(decided).toEqual([
      { decision: { type: "approved" }, decidedBy: "policy" },
      {
        decision: { type: "denied", note: "rejected by the approval policy" },
        decidedBy: "policy",
      },
    ]);
  });

  it('asks the person when { decide } answers "prompt", and only then', async () => {
    const asked: string[] = [];
    const policy = normalizePolicy({
      decide: (call) => (call.toolName === "read_file" ? "approve" : "prompt"),
      prompt: (call) => {
        asked.push(call.toolName);
        return "reject";
      },
    });
    expect(await policy.decide({ ...request, toolName: "read_file" })).toEqual({
      decision: { type: "approved" },
      decidedBy: "policy",
    });
    expect(await policy.decide(request)).toEqual({
      decision: { type: "denied", note: "rejected by the approval prompt" },
      decidedBy: "user",
    });
    expect(asked).toEqual(["write_file"]);
  });

  it('a bare function answering "prompt" is an error: nobody can be asked', async () => {
    const askSomeone = () => "prompt" as const;
    await expect(normalizePolicy(askSomeone).decide(request)).rejects.toThrow(
      `Approval policy 'askSomeone' answered "prompt" for write_file, but nobody can be asked: pass { decide, prompt } to let a person answer`,
    );
  });

  it('a prompt answering "prompt" is an error', async () => {
    await expect(normalizePolicy({ prompt: async () => "prompt" as never }).decide(request)).rejects.toThrow(
      `Approval prompt answered "prompt" for write_file: a prompt must decide ("approve" or "reject")`,
    );
  });

  it("any other answer is an error naming the policy and the value, never a denial", async () => {
    async function mine() {
      return "yes" as never;
    }
    const error = await normalizePolicy(mine)
      .decide(request)
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "CONFIG_INVALID" });
    expect((error as Error).message).toMatch(
      /^Approval policy 'mine' answered "yes" for write_file: expected/,
    );
  });

  it("an unknown policy is an error when the run starts", () => {
    expect(() => normalizePolicy("approve" as ApprovalPolicy)).toThrow(
      'Unknown approval policy "approve": use "approve_all", "reject_all", "fail", a function, or { prompt }',
    );
  });
});
