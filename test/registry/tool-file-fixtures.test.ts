import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { scriptedModel, tempProject } from "../../src/testing/index.js";
import { collectRun } from "../support/collect-run.js";

// Each tool file is copied to tools.ts beside a worker that uses its export `t`; the run must
// fail before any model call with the message in <case>.error.txt.
const fixtures = path.resolve(import.meta.dirname, "../fixtures/tool-files");
const cases = readdirSync(fixtures)
  .filter((file) => file.endsWith(".ts"))
  .map((file) => file.slice(0, -".ts".length));

const MAIN = "---\nname: main\nmodel: test:main\ntoolsets:\n  t: {}\n---\nUse t.\n";
/** Short enough to keep each test under 5 s, long enough for a tool file on a busy machine. */
const LOAD_LIMIT_MS = 1500;

async function failureOf(toolFile: string): Promise<{ message?: string; code?: string }> {
  await using project = await tempProject({ "main.worker": MAIN, "tools.ts": toolFile });
  const model = scriptedModel([]);
  const { error } = await collectRun({
    files: ["main.worker", "tools.ts"].map(project.path),
    input: "go",
    models: { "test:main": model },
    cwd: project.dir,
    toolLoadTimeoutMs: LOAD_LIMIT_MS,
  });
  expect(model.calls).toHaveLength(0);
  return {
    ...(error?.message ? { message: error.message } : {}),
    ...(error?.code ? { code: error.code } : {}),
  };
}

describe("tool files that cannot be used fail the run before any model call, naming the file", () => {
  beforeAll(async () => {
    // The first tool file of a process also loads the TypeScript transform: not part of any limit.
    await failureOf('export const t = "warm-up";');
  });

  it("has cases to walk", () => {
    expect(cases.length).toBeGreaterThan(20);
  });

  it.each(cases)("%s", async (name) => {
    const expected = readFileSync(path.join(fixtures, `${name}.error.txt`), "utf8").trim();
    const failure = await failureOf(readFileSync(path.join(fixtures, `${name}.ts`), "utf8"));
    expect(failure.message).toBe(expected);
    // A problem in the tool file is a ConfigError; an export a worker names wrongly points into the worker.
    expect(["CONFIG_INVALID", "WORKER_FILE_INVALID"]).toContain(failure.code);
  });

  it.each([
    ["a syntax error", "export const t = {;\n"],
    [
      "a module that cannot be found",
      'import { jsonSchema } from "no-such-package";\nexport const t = jsonSchema;\n',
    ],
  ])("%s is reported on one line with the file", async (_name, toolFile) => {
    const failure = await failureOf(toolFile);
    expect(failure.code).toBe("CONFIG_INVALID");
    expect(failure.message).toMatch(/^tools\.ts: failed to load: [^\n]+$/);
  });
});
