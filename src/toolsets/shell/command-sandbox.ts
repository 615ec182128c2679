/**
 * @module The OS sandboxes a shell command can run in: bubblewrap on Linux, Seatbelt
 * (`sandbox-exec`) on macOS. Each wraps one command into the command line that runs it
 * confined.
 *
 * We call bwrap directly rather than through `@anthropic-ai/sandbox-runtime`: we need only a
 * read-only root, one writable directory and no network, while that package (0.0.x) brings zod 3,
 * a proxy stack, and needs socat and ripgrep installed.
 */
import { mkdtemp, realpath, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { packageRoot } from "../../package-root.js";
import { bubblewrapArguments, type NetworkAccess, SANDBOX_TMPDIR } from "./bubblewrap-arguments.js";
import { seatbeltArguments } from "./seatbelt-arguments.js";

let installation: Promise<string[]> | undefined;

/**
 * llm-do's own installation and the Node running it (real paths): they stay visible in the
 * sandbox even when they lie under the `/tmp` it hides (a clone or an `npx` cache there).
 */
function ownInstallation(): Promise<string[]> {
  installation ??= Promise.all(
    [packageRoot(), path.dirname(process.execPath)].map((file) => realpath(file).catch(() => file)),
  );
  return installation;
}

/** The environment of a command. */
export type CommandEnvironment = Readonly<Record<string, string | undefined>>;

/** One command to confine. */
export interface SandboxCommand {
  /** The program (an absolute path) and its arguments. */
  argv: readonly string[];
  /** Where it starts (absolute). */
  cwd: string;
  /** Its environment. */
  env: CommandEnvironment;
}

/** A confined command, ready to spawn. */
export interface WrappedCommand {
  /** What to spawn: the sandbox program, its arguments, then the command. */
  argv: string[];
  /** The environment to spawn it with (`TMPDIR` points at the private temporary directory). */
  env: CommandEnvironment;
  /** Removes what {@link CommandSandbox.wrap} created; call once the command has ended. */
  dispose(): Promise<void>;
}

/** An OS sandbox. */
export interface CommandSandbox {
  /** `bubblewrap` or `seatbelt`. */
  readonly name: SandboxKind;
  /** Whether the sandbox ends every process the command started when the command ends. */
  readonly endsDescendants: boolean;
  /** The command line that runs `command` confined. */
  wrap(command: SandboxCommand): Promise<WrappedCommand>;
}

/** The sandboxes llm-do knows. */
export type SandboxKind = "bubblewrap" | "seatbelt";

/** Options of {@link createCommandSandbox}. */
export interface CommandSandboxOptions {
  kind: SandboxKind;
  /** The sandbox program (`bwrap` or `sandbox-exec`), absolute. */
  executable: string;
  /** The one writable directory (absolute; its symlinks are resolved here). */
  writable: string;
  /** Whether commands may use the network. */
  network: NetworkAccess;
}

/**
 * Builds the sandbox of one shell toolset. Bubblewrap gives each command an empty in-memory
 * `/tmp`; Seatbelt a fresh directory under the OS temporary directory, removed by `dispose`.
 *
 * Contract: `wrap` rejects when the writable directory does not exist.
 */
export function createCommandSandbox(options: CommandSandboxOptions): CommandSandbox {
  if (options.kind === "bubblewrap") {
    return {
      name: "bubblewrap",
      endsDescendants: true,
      wrap: async (command) => ({
        argv: [
          options.executable,
          ...bubblewrapArguments({
            writable: await realpath(options.writable),
            cwd: command.cwd,
            network: options.network,
            keepVisible: await ownInstallation(),
            argv: command.argv,
          }),
        ],
        env: { ...command.env, TMPDIR: SANDBOX_TMPDIR },
        dispose: async () => {},
      }),
    };
  }
  return {
    name: "seatbelt",
    endsDescendants: false,
    wrap: async (command) => {
      const writable = await realpath(options.writable);
      const tmp = await realpath(await mkdtemp(path.join(tmpdir(), "llm-do-sandbox-")));
      return {
        argv: [
          options.executable,
          ...seatbeltArguments({ writable, tmp, network: options.network, argv: command.argv }),
        ],
        env: { ...command.env, TMPDIR: tmp },
        dispose: () => rm(tmp, { recursive: true, force: true }),
      };
    },
  };
}
