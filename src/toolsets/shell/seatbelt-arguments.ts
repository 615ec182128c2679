/**
 * @module The `sandbox-exec` (macOS Seatbelt) command line that runs one command in a sandbox.
 * Pure. Paths reach the profile as parameters (`-D`), never spliced into its text.
 */
import type { NetworkAccess } from "./bubblewrap-arguments.js";

/** Options of {@link seatbeltArguments}. */
export interface SeatbeltOptions {
  /** The writable directory (absolute, symlinks resolved, e.g. `/private/tmp/...`). */
  writable: string;
  /** The command's private temporary directory (absolute, symlinks resolved). */
  tmp: string;
  /** `deny`: no network at all, Unix sockets included. */
  network: NetworkAccess;
  /** The command; `argv[0]` is an absolute path. */
  argv: readonly string[];
}

/**
 * The Seatbelt profile: everything allowed except writing outside the writable directory, the
 * private temporary directory and the terminal devices, and writing `.git/config` or
 * `.git/hooks` inside it; with `network: deny`, no network. Later rules win in Seatbelt, so
 * the exceptions come after what they narrow.
 */
export function seatbeltProfile(network: NetworkAccess): string {
  return [
    "(version 1)",
    "(allow default)",
    "(deny file-write*)",
    "(allow file-write*",
    '  (subpath (param "WRITABLE"))',
    '  (subpath (param "TMP"))',
    '  (literal "/dev/null") (literal "/dev/zero") (literal "/dev/dtracehelper")',
    '  (regex #"^/dev/tty") (regex #"^/dev/fd/"))',
    '(deny file-write* (literal (param "GIT_CONFIG")) (subpath (param "GIT_HOOKS")))',
    ...(network === "deny" ? ["(deny network*)"] : []),
  ].join("\n");
}

/** The arguments after `sandbox-exec`. */
export function seatbeltArguments(options: SeatbeltOptions): string[] {
  return [
    "-p",
    seatbeltProfile(options.network),
    "-D",
    `WRITABLE=${options.writable}`,
    "-D",
    `TMP=${options.tmp}`,
    "-D",
    `GIT_CONFIG=${options.writable}/.git/config`,
    "-D",
    `GIT_HOOKS=${options.writable}/.git/hooks`,
    ...options.argv,
  ];
}
