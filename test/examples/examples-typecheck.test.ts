import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "./example-support.js";

const run = promisify(execFile);

describe("examples/**/*.ts", { timeout: 60_000 }, () => {
  it("type-checks against the built llm-do (examples/tsconfig.json)", async () => {
    const tsc = path.join(
      path.dirname(createRequire(import.meta.url).resolve("typescript/package.json")),
      "bin/tsc",
    );
    const result = await run(process.execPath, [tsc, "-p", "examples"], { cwd: REPO_ROOT }).catch(
      (error: { stdout?: string; code?: number }) => ({
        stdout: error.stdout ?? String(error),
        code: error.code,
      }),
    );
    expect(result.stdout).toBe("");
  });
});
