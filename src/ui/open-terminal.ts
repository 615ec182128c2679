/**
 * @module The terminal the TUI draws on and reads keys from. Keys come from stdin when it is a
 * terminal, else from `/dev/tty` (the prompt was piped in on stdin).
 */
import { openSync } from "node:fs";
import { ReadStream } from "node:tty";

/** The streams Ink needs, and how to let go of them. */
export interface Terminal {
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  /** Restores the terminal (raw mode off, cursor shown) and closes what was opened. */
  close(): void;
}

/** The streams of the process, as the command line has them. */
export interface TerminalCandidates {
  stdin: unknown;
  stdout: unknown;
  stderr: unknown;
}

/**
 * The terminal for the TUI, or undefined when stdout is not a terminal stream or no keyboard
 * can be opened.
 */
export function openTerminal(candidates: TerminalCandidates): Terminal | undefined {
  if (!isTerminalWriteStream(candidates.stdout)) return undefined;
  const stdout = candidates.stdout;
  const stderr = isWriteStream(candidates.stderr) ? candidates.stderr : stdout;
  let opened: ReadStream | undefined;
  let stdin: NodeJS.ReadStream;
  if (isTerminalReadStream(candidates.stdin)) {
    stdin = candidates.stdin;
  } else {
    opened = openTty();
    if (!opened) return undefined;
    stdin = opened;
  }
  return {
    stdin,
    stdout,
    stderr,
    close() {
      restoreTerminal(stdin, stdout);
      opened?.destroy();
    },
  };
}

/** Raw mode off and the cursor shown, whatever state the TUI left them in. */
export function restoreTerminal(stdin: NodeJS.ReadStream, stdout: NodeJS.WriteStream): void {
  try {
    if (stdin.isTTY && stdin.isRaw) stdin.setRawMode(false);
    stdin.pause();
    if (stdout.isTTY && !stdout.destroyed) stdout.write("\u001b[?25h");
  } catch {
    // The terminal may already be gone (a closed pty); nothing is left to restore.
  }
}

/** True for a terminal output stream (`process.stdout` on a TTY). */
export function isTerminalWriteStream(value: unknown): value is NodeJS.WriteStream {
  return isWriteStream(value) && value.isTTY === true;
}

function isWriteStream(value: unknown): value is NodeJS.WriteStream {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { write?: unknown }).write === "function" &&
    typeof (value as { on?: unknown }).on === "function"
  );
}

function isTerminalReadStream(value: unknown): value is NodeJS.ReadStream {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { isTTY?: unknown }).isTTY === true &&
    typeof (value as { setRawMode?: unknown }).setRawMode === "function"
  );
}

function openTty(): ReadStream | undefined {
  try {
    return new ReadStream(openSync("/dev/tty", "r"));
  } catch {
    return undefined;
  }
}
