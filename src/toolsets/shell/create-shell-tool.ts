/**
 * @module The `shell` tool: classifies a command against the configured rules, then runs it.
 */
import { z } from "zod";
import type { ApprovalCheck } from "../../approvals/approval-types.js";
import { ApprovalDeniedError } from "../../errors.js";
import { type Tool, tool } from "../../tools/tool.js";
import { type CommandPolicy, classifyCommand } from "./classify-command.js";
import type { CommandSandbox } from "./command-sandbox.js";
import { type CommandResult, type CommandRunner, nodeCommandRunner } from "./run-command.js";
import {
  COMMAND_PARAMETER_DESCRIPTION,
  SHELL_DESCRIPTION,
  TIMEOUT_PARAMETER_DESCRIPTION,
} from "./shell-description.js";

/** The seconds a command may run when the call gives no timeout. */
export const DEFAULT_TIMEOUT_SECONDS = 30;
/** The longest timeout a call may ask for, in seconds. */
export const MAX_TIMEOUT_SECONDS = 300;
const MIN_TIMEOUT_SECONDS = 1;
const DESCRIBE_MAX_CHARS = 80;

/** The `shell` tool's input. */
export const ShellInput = z.object({
  command: z.string().describe(COMMAND_PARAMETER_DESCRIPTION),
  timeout: z.number().optional().describe(TIMEOUT_PARAMETER_DESCRIPTION),
});

/** The `shell` tool's input. */
export type ShellInput = z.infer<typeof ShellInput>;

/** Options for {@link createShellTool}. */
export interface CreateShellToolOptions {
  /** The rules and default that decide approval. */
  policy: CommandPolicy;
  /** The commands' working directory (absolute). */
  cwd: string;
  /** The commands' environment (default: this process's). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Runs the commands (default: real processes). */
  runner?: CommandRunner;
  /** The OS sandbox commands run in (default: none). */
  sandbox?: CommandSandbox;
}

/**
 * Builds the `shell` tool.
 *
 * Contract: `needsApproval` classifies the command ({@link classifyCommand}); `execute`
 * classifies it again and throws `ApprovalDeniedError` (kind `blocked`) for a blocked command,
 * so nothing blocked runs even if the approval gate was skipped.
 */
export function createShellTool(options: CreateShellToolOptions): Tool<ShellInput, CommandResult> {
  const runner = options.runner ?? nodeCommandRunner;
  return tool({
    description: SHELL_DESCRIPTION,
    inputSchema: ShellInput,
    needsApproval: (input) => toApprovalCheck(classifyCommand(input.command, options.policy)),
    describe: (input) => describeCommand(input.command),
    execute: async (input, ctx) => {
      const classification = classifyCommand(input.command, options.policy);
      if (classification.type === "blocked") {
        throw new ApprovalDeniedError("shell", classification.reason, "blocked");
      }
      return runner.run({
        argv: classification.argv,
        cwd: options.cwd,
        env: options.env,
        timeoutSeconds: clampTimeout(input.timeout),
        signal: ctx.signal,
        ...(options.sandbox ? { sandbox: options.sandbox } : {}),
      });
    },
  });
}

/** `Execute: <command>`, with the command cut at 80 characters plus `...`. */
export function describeCommand(command: string): string {
  const shown = command.length > DESCRIBE_MAX_CHARS ? `${command.slice(0, DESCRIBE_MAX_CHARS)}...` : command;
  return `Execute: ${shown}`;
}

/** The timeout in seconds: the default when absent, else clamped to 1..300. */
export function clampTimeout(timeout: number | undefined): number {
  if (timeout === undefined) return DEFAULT_TIMEOUT_SECONDS;
  return Math.min(MAX_TIMEOUT_SECONDS, Math.max(MIN_TIMEOUT_SECONDS, timeout));
}

function toApprovalCheck(classification: ReturnType<typeof classifyCommand>): ApprovalCheck {
  if (classification.type === "needs-approval") {
    return classification.reason === undefined
      ? { type: "needs-approval" }
      : { type: "needs-approval", reason: classification.reason };
  }
  if (classification.type === "blocked") return { type: "blocked", reason: classification.reason };
  return { type: "pre-approved" };
}
