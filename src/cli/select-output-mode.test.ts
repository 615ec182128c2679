import { describe, expect, test } from "vitest";
import { type OutputModeInput, selectOutputMode } from "./select-output-mode.js";

const none: OutputModeInput = {
  approveAll: false,
  rejectAll: false,
  headless: false,
  tui: false,
  chat: false,
  json: false,
  durable: false,
  stdoutIsTTY: false,
};

describe("selectOutputMode", () => {
  test.each([
    [{}, "headless"],
    [{ stdoutIsTTY: true }, "interactive"],
    [{ stdoutIsTTY: true, headless: true }, "headless"],
    [{ stdoutIsTTY: true, json: true }, "json"],
    [{ json: true, headless: true }, "json"],
    [{ stdoutIsTTY: true, tui: true }, "interactive"],
    [{ stdoutIsTTY: true, chat: true }, "interactive"],
    [{ stdoutIsTTY: true, tui: true, chat: true }, "interactive"],
    [{ stdoutIsTTY: true, durable: true }, "headless"],
    [{ stdoutIsTTY: true, durable: true, json: true }, "json"],
  ] as const)("%o -> %s", (flags, mode) => {
    expect(selectOutputMode({ ...none, ...flags })).toBe(mode);
  });

  test.each([
    [
      { approveAll: true, rejectAll: true, json: true, tui: true },
      "Cannot combine --approve-all and --reject-all",
    ],
    [{ json: true, tui: true, stdoutIsTTY: true }, "Cannot combine --json and --tui"],
    [{ headless: true, tui: true, stdoutIsTTY: true }, "Cannot combine --headless and --tui"],
    [{ tui: true }, "--tui requires a terminal, but stdout is not a TTY (use --headless)"],
    [{ chat: true }, "--chat requires the TUI"],
    [{ chat: true, stdoutIsTTY: true, headless: true }, "--chat requires the TUI"],
    [{ chat: true, stdoutIsTTY: true, json: true }, "--chat requires the TUI"],
    [
      { durable: true, tui: true, stdoutIsTTY: true },
      "Cannot combine --durable and --tui: a durable run is headless",
    ],
    [{ durable: true, chat: true, stdoutIsTTY: true }, "Cannot combine --durable and --chat"],
  ] as const)("%o is a usage error: %s", (flags, message) => {
    expect(() => selectOutputMode({ ...none, ...flags })).toThrow(
      expect.objectContaining({ code: "USAGE", message: expect.stringContaining(message) }),
    );
  });
});
