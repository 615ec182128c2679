/**
 * @module Puts the App on a real terminal with Ink, leaving Ctrl+C to the App (in raw mode it
 * is a key press, not a signal).
 */
import { render } from "ink";
import type { ReactElement } from "react";
import { restoreTerminal, type Terminal } from "./open-terminal.js";
import type { MountedApp } from "./run-interactive.js";

/** A `mount` for {@link runInteractive} that draws on `terminal`. */
export function mountInTerminal(terminal: Terminal): (app: ReactElement) => MountedApp {
  return (app) => {
    const instance = render(app, {
      stdin: terminal.stdin,
      stdout: terminal.stdout,
      stderr: terminal.stderr,
      exitOnCtrlC: false,
      patchConsole: true,
    });
    return {
      exited: instance.waitUntilExit(),
      unmount() {
        try {
          instance.unmount();
          instance.cleanup();
        } finally {
          restoreTerminal(terminal.stdin, terminal.stdout);
        }
      },
    };
  };
}
