/**
 * @module Which output mode a command line runs in, and which flag combinations are refused.
 */
import { UsageError } from "../errors.js";

/** The output modes. */
export type OutputMode = "interactive" | "headless" | "json";

/** The flags and terminal facts the choice depends on. */
export interface OutputModeInput {
  /** `--approve-all`. */
  approveAll: boolean;
  /** `--reject-all`. */
  rejectAll: boolean;
  /** `--headless`. */
  headless: boolean;
  /** `--tui`. */
  tui: boolean;
  /** `--chat`. */
  chat: boolean;
  /** `--json`. */
  json: boolean;
  /** True when stdout is a terminal. */
  stdoutIsTTY: boolean;
}

/**
 * The TUI when `--tui` is given, or stdout is a terminal and neither `--headless` nor `--json`
 * is; JSON with `--json`; headless otherwise.
 *
 * Contract: throws UsageError, in this order, for `--approve-all` with `--reject-all`, `--json`
 * with `--tui`, `--headless` with `--tui`, `--tui` when stdout is not a terminal, and `--chat`
 * without the TUI.
 */
export function selectOutputMode(input: OutputModeInput): OutputMode {
  if (input.approveAll && input.rejectAll) {
    throw new UsageError("Cannot combine --approve-all and --reject-all");
  }
  if (input.json && input.tui) throw new UsageError("Cannot combine --json and --tui");
  if (input.headless && input.tui) throw new UsageError("Cannot combine --headless and --tui");
  if (input.tui && !input.stdoutIsTTY) {
    throw new UsageError("--tui requires a terminal, but stdout is not a TTY (use --headless)");
  }
  const mode: OutputMode = input.json
    ? "json"
    : input.tui || (input.stdoutIsTTY && !input.headless)
      ? "interactive"
      : "headless";
  if (input.chat && mode !== "interactive") {
    throw new UsageError(
      "--chat requires the TUI (--tui or a terminal on stdout); it cannot be used with --headless, --json or redirected output",
    );
  }
  return mode;
}
