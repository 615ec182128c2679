#!/usr/bin/env node
// The `llm-do` command: hands the real process (streams, environment, terminal facts, signals:
// SIGINT, SIGTERM, SIGHUP) to main (compiled to dist/ by `npm run build`) and exits with the code
// it returns. Shell commands still running when the process exits are killed on its `exit` event.
import module from "node:module";

// Node caches the compiled code of llm-do and its dependencies between runs (in the OS temp
// directory): start-up is dominated by loading modules, so this saves tens of milliseconds.
module.enableCompileCache?.();
const { main } = await import("../dist/cli/main.js");

// A reader that went away (`llm-do ... | head -1`, or a terminal closed: SIGHUP, then EIO) is
// not an error of the run.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error.code !== "EPIPE" && error.code !== "EIO") throw error;
  });
}

const exitCode = await main(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  stdinIsTTY: process.stdin.isTTY === true,
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  onSignal: (signal, handler) => {
    process.on(signal, handler);
    return () => process.off(signal, handler);
  },
  exit: (code) => process.exit(code),
});

// Let pending writes reach a pipe before exiting; open handles (sockets, timers) do not keep
// the process alive.
const drain = (stream) => new Promise((resolve) => stream.write("", () => resolve()));
await Promise.all([drain(process.stdout), drain(process.stderr)]);
process.exit(exitCode);
