/**
 * @module The `bwrap` (bubblewrap) command line that runs one command in a Linux sandbox. Pure.
 */

/** Whether sandboxed commands may use the network. */
export type NetworkAccess = "deny" | "allow";

/** Options of {@link bubblewrapArguments}. */
export interface BubblewrapOptions {
  /** The writable directory (absolute, symlinks resolved): the shell toolset's working directory. */
  writable: string;
  /** Where the command starts (absolute). */
  cwd: string;
  /** `deny`: a network namespace with only loopback, and `/run` (where sockets live) hidden. */
  network: NetworkAccess;
  /**
   * Paths that stay visible, read-only, although they lie under the hidden `/tmp` or `/run`
   * (llm-do's own installation and the Node running it, so a command can run them).
   */
  keepVisible?: readonly string[];
  /** The command; `argv[0]` is an absolute path. */
  argv: readonly string[];
}

/** Files under the writable directory that stay read-only: git runs what they say, later, outside the sandbox. */
export const READ_ONLY_INSIDE_WRITABLE = [".git/config", ".git/hooks"] as const;

/** The private temporary directory inside the sandbox (`TMPDIR`). */
export const SANDBOX_TMPDIR = "/tmp";

/**
 * The arguments after `bwrap`:
 *
 * - the whole filesystem read-only (`--ro-bind / /`), a fresh `/dev`, `/proc` and an empty
 *   private `/tmp` (`TMPDIR`), then the writable directory bound writable, except
 *   {@link READ_ONLY_INSIDE_WRITABLE};
 * - new PID, IPC and UTS namespaces: the command's processes are killed when it exits (its
 *   namespace's first process ends) or when llm-do dies (`--die-with-parent`), `setsid` or not;
 * - `--new-session` (no terminal to inject keystrokes into), every capability dropped (so
 *   running as root cannot remount the filesystem writable);
 * - with `network: deny`, a new network namespace (loopback only) and an empty `/run`, which
 *   hides the Unix sockets of system services (Docker, D-Bus).
 *
 * Contract: mounts are listed in the order bwrap applies them, so the writable directory stays
 * reachable even when it lies under `/tmp` or `/run`.
 */
export function bubblewrapArguments(options: BubblewrapOptions): string[] {
  const deny = options.network === "deny";
  return [
    "--die-with-parent",
    "--new-session",
    "--unshare-pid",
    "--unshare-ipc",
    "--unshare-uts",
    ...(deny ? ["--unshare-net"] : []),
    "--cap-drop",
    "ALL",
    "--ro-bind",
    "/",
    "/",
    "--dev",
    "/dev",
    "--proc",
    "/proc",
    "--tmpfs",
    SANDBOX_TMPDIR,
    ...(deny ? ["--tmpfs", "/run"] : []),
    ...(options.keepVisible ?? [])
      .filter((visible) => isUnder(visible, SANDBOX_TMPDIR) || (deny && isUnder(visible, "/run")))
      .flatMap((visible) => ["--ro-bind-try", visible, visible]),
    "--bind",
    options.writable,
    options.writable,
    ...READ_ONLY_INSIDE_WRITABLE.flatMap((relative) => {
      const file = `${options.writable}/${relative}`;
      return ["--ro-bind-try", file, file];
    }),
    "--setenv",
    "TMPDIR",
    SANDBOX_TMPDIR,
    "--chdir",
    options.cwd,
    "--",
    ...options.argv,
  ];
}

function isUnder(file: string, folder: string): boolean {
  return file === folder || file.startsWith(`${folder}/`);
}
