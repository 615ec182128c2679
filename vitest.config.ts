import { defineConfig } from "vitest/config";

// Two projects: `unit` (the tests beside their modules in src/, no build needed) and `e2e` (the
// tests in test/: the real CLI from dist/, examples, providers on 127.0.0.1, tmux, Chromium; and
// the examples' own tests, which import `llm-do` and `llm-do/testing` as a user's project does,
// from dist/). `npm test` runs both; `npm run test:unit` only the first.
//
// Test files share their worker process (isolate: false): importing the AI SDK and src/ again
// for each of 130 files was a third of the suite's time. A test that changes process-wide state
// (env, cwd, signal handlers, globals) restores it.
export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: "forks",
    isolate: false,
    // Most end-to-end tests wait on a child process, so one worker more than cores keeps both busy.
    maxWorkers: 3,
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["src/**/*.test.ts", "src/**/*.test.tsx"] },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["test/**/*.test.ts", "test/**/*.test.tsx", "examples/**/*.test.ts"],
          // A real Postgres for the durable tests (test/durable/), started once.
          globalSetup: ["test/support/postgres-global-setup.ts"],
        },
      },
    ],
  },
});
