/**
 * @module Which output mode a command line runs in, and which flag combinations are refused.
 */
import { UsageError } from "../errors.js";
import type { CliArguments } from "./parse-cli-arguments.js";

/** The output modes. */
export type OutputMode = "interactive" | "headless" | "json";

/** The flags and terminal facts the choice depends on (`--durable`: a durable run is headless or JSON). */
export interface OutputModeInput
  extends Pick<CliArguments, "approveAll" | "rejectAll" | "headless" | "tui" | "chat" | "json" | "durable"> {
  /** True when stdout is a terminal. */
  stdoutIsTTY: boolean;
}

/**
 * The TUI when `--tui` is given, or stdout is a terminal and none of `--headless`, `--json` and
 * `--durable` is; JSON with `--json`; headless otherwise.
 *
 * Contract: throws UsageError, in this order, for `--approve-all` with `--reject-all`, `--json`
 * with `--tui`, `--headless` with `--tui`, `--durable` with `--tui` or `--chat`, `--tui` when
 * stdout is not a terminal, and `--chat` without the TUI.
 */
export function selectOutputMode(input: OutputModeInput): OutputMode {
  if (input.approveAll && input.rejectAll) {
    throw new UsageError("Cannot combine --approve-all and --reject-all");
  }
  if (input.json && input.tui) throw new UsageError("Cannot combine --json and --tui");
  if (input.headless && input.tui) throw new UsageError("Cannot combine --headless and --tui");
  if (input.durable && (input.tui || input.chat)) {
    throw new UsageError(
      `Cannot combine --durable and ${input.tui ? "--tui" : "--chat"}: a durable run is headless`,
    );
  }
  if (input.tui && !input.stdoutIsTTY) {
    throw new UsageError("--tui requires a terminal, but stdout is not a TTY (use --headless)");
  }
  const mode: OutputMode = input.json
    ? "json"
    : input.tui || (input.stdoutIsTTY && !input.headless && !input.durable)
      ? "interactive"
      : "headless";
  if (input.chat && mode !== "interactive") {
    throw new UsageError(
      "--chat requires the TUI (--tui or a terminal on stdout); it cannot be used with --headless, --json or redirected output",
    );
  }
  return mode;
}
