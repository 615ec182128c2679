import { readFile } from "node:fs/promises";
import { describe, expect, test } from "vitest";
import { tempProject } from "../../src/testing/index.js";
import { startFakeAnthropicServer, textResponse, toolUseResponse } from "../support/fake-anthropic-server.js";
import { runCli } from "./run-cli.js";

const worker = (name: string, body: string, extra = "") => `---\nname: ${name}\n${extra}---\n${body}\n`;
const anthropicEnv = (baseUrl: string) => ({ ANTHROPIC_BASE_URL: baseUrl, ANTHROPIC_API_KEY: "test" });

/** Runs main.worker once against a fresh server and returns the model id the server received. */
async function modelReceived(frontMatter: string, args: string[], env: Record<string, string> = {}) {
  await using server = await startFakeAnthropicServer([textResponse("ok")]);
  await using project = await tempProject({ "main.worker": worker("main", "Answer.", frontMatter) });
  const result = await runCli(["main.worker", "hi", ...args], {
    cwd: project.dir,
    env: { ...anthropicEnv(server.baseUrl), ...env },
  });
  expect(result).toEqual({ code: 0, stdout: "ok\n", stderr: "" });
  return server.requests[0]!.body.model;
}

describe("--model precedence: --model > front matter > LLM_DO_MODEL", () => {
  const env = { LLM_DO_MODEL: "anthropic:claude-opus-4-5" };

  test("--model beats the front matter and LLM_DO_MODEL", async () => {
    expect(
      await modelReceived(
        "model: anthropic:claude-haiku-4-5\n",
        ["--model", "anthropic:claude-sonnet-4-5"],
        env,
      ),
    ).toBe("claude-sonnet-4-5");
  });

  test("-m is --model", async () => {
    expect(await modelReceived("", ["-m", "anthropic:claude-sonnet-4-5"], env)).toBe("claude-sonnet-4-5");
  });

  test("the front matter beats LLM_DO_MODEL", async () => {
    expect(await modelReceived("model: anthropic:claude-haiku-4-5\n", [], env)).toBe("claude-haiku-4-5");
  });

  test("LLM_DO_MODEL is used when nothing else sets a model", async () => {
    expect(await modelReceived("", [], env)).toBe("claude-opus-4-5");
  });

  test("--model beats --set model=...", async () => {
    expect(
      await modelReceived(
        "model: anthropic:claude-haiku-4-5\n",
        ["--set", "model=anthropic:claude-opus-4-5", "--model", "anthropic:claude-sonnet-4-5"],
        env,
      ),
    ).toBe("claude-sonnet-4-5");
  });
});

describe("--set", () => {
  test("--set model=... replaces the front matter's model", async () => {
    expect(
      await modelReceived("model: anthropic:claude-haiku-4-5\n", [
        "--set",
        "model=anthropic:claude-sonnet-4-5",
      ]),
    ).toBe("claude-sonnet-4-5");
  });

  test("a toolset option: -s toolsets.filesystem.write_approval=false lets the write run headless", async () => {
    await using server = await startFakeAnthropicServer([
      toolUseResponse("write_file", { path: "out.txt", content: "data" }),
      textResponse("written"),
    ]);
    await using project = await tempProject({
      "main.worker": worker(
        "main",
        "Write.",
        "model: anthropic:claude-haiku-4-5\ntoolsets:\n  filesystem: {}\n",
      ),
    });
    const result = await runCli(["main.worker", "write", "-s", "toolsets.filesystem.write_approval=false"], {
      cwd: project.dir,
      env: anthropicEnv(server.baseUrl),
    });
    expect(result).toEqual({ code: 0, stdout: "written\n", stderr: "" });
    expect(await readFile(project.path("out.txt"), "utf8")).toBe("data");
  });

  test.each([
    {
      spec: "model",
      message: "Invalid --set format: 'model'. Expected KEY=VALUE (e.g., --set model=openai:gpt-4o)",
    },
    { spec: "=x", message: "Empty key in --set: '=x'" },
    {
      spec: "name.first=x",
      message:
        "Invalid --set override 'name.first=x': Cannot navigate through non-mapping field 'name' in path 'name.first' (it is a string)",
    },
  ])("a bad spec ($spec) is a run failure: exit 1 with the message", async ({ spec, message }) => {
    await using project = await tempProject({
      "main.worker": worker("main", "Echo.", "model: builtin:echo\n"),
    });
    const result = await runCli(["main.worker", "hi", "--set", spec], { cwd: project.dir });
    expect(result).toEqual({ code: 1, stdout: "", stderr: `Error: ${message}\n` });
  });
});

describe("help and version", () => {
  test("--help describes files, the prompt, every option, examples and the environment", async () => {
    await using project = await tempProject();
    const result = await runCli(["--help"], { cwd: project.dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/^Usage: llm-do \[FILE\.\.\.\] \[PROMPT\.\.\.\] \[options\]/);
    for (const text of [
      ".worker, .ts, .mts, .js or .mjs",
      "read from stdin",
      "llm-do.yaml",
      "--input-json",
      "--entry",
      "--model",
      "--set",
      "--approve-all",
      "--reject-all",
      "--headless",
      "--tui",
      "--chat",
      "--json",
      "--verbose",
      "--max-depth",
      "--max-steps",
      "--idle-timeout",
      "--request-timeout",
      "--debug",
      "--version",
      "Examples:",
      "LLM_DO_MODEL",
      "ANTHROPIC_API_KEY",
      "Exit codes:",
    ]) {
      expect(result.stdout).toContain(text);
    }
  });

  test("--version prints the package version", async () => {
    const packageJson = JSON.parse(
      await readFile(new URL("../../package.json", import.meta.url), "utf8"),
    ) as {
      version: string;
    };
    await using project = await tempProject();
    const result = await runCli(["--version"], { cwd: project.dir });
    expect(result).toEqual({ code: 0, stdout: `${packageJson.version}\n`, stderr: "" });
  });
});
