#!/usr/bin/env node
// The `llm-do-oauth` command: hands the real process streams, environment, fetch and clock to
// oauthMain (compiled to dist/ by `npm run build`) and exits with the code it returns.
import { oauthMain } from "../dist/cli/oauth-main.js";

const exitCode = await oauthMain(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  fetch: globalThis.fetch,
  now: Date.now,
});
process.exit(exitCode);
