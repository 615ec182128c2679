/**
 * @module What the default headless mode (no `-v`) shows of a run's events on stderr: only what a
 * script's author must not miss although the run succeeds: run warnings (a shell without a
 * sandbox) and a replay drift that was reported (`--replay-drift report`). Pure: it returns text
 * and never writes.
 */
import type { RunEvent } from "../events/run-event.js";

/** The text for one event ("" for every event the quiet mode does not show). */
export function quietEventText(event: RunEvent): string {
  // A fatal drift ends the run, and its error is printed then.
  if (event.type === "replay-drift" && !event.fatal) return `${event.message}\n`;
  if (event.type === "warning") return `Warning: ${event.message}\n`;
  return "";
}
