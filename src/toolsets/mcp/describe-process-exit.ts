/**
 * @module How a server process ended, as a clause for messages.
 */
import type { ProcessExit } from "./child-process-transport.js";

/** `it exited with code 1`, `it was stopped by SIGKILL`. */
export function describeProcessExit(exit: ProcessExit): string {
  if (exit.signal !== null) return `it was stopped by ${exit.signal}`;
  return `it exited with code ${exit.code ?? "unknown"}`;
}
