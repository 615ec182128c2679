import { mkdir, mkdtemp, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Registry } from "../registry/registry.js";
import { prepareWorkerTools } from "../runtime/prepare-worker-tools.js";
import { fakeCallContext } from "../testing/fake-call-context.js";
import type { Tool } from "../tools/tool.js";
import { parseWorkerFile } from "../worker/parse-worker-file.js";
import { builtinToolsets } from "./builtin-toolsets.js";
import { toolsetPresets } from "./toolset-presets.js";

let cwd: string;
let projectDir: string;

beforeEach(async () => {
  projectDir = await realpath(await mkdtemp(path.join(tmpdir(), "llm-do-presets-")));
  cwd = path.join(projectDir, "sub");
  await mkdir(path.join(projectDir, "notes"), { recursive: true });
  await mkdir(path.join(cwd, "notes"), { recursive: true });
  await writeFile(path.join(projectDir, "notes", "a.txt"), "from the project");
  await writeFile(path.join(cwd, "notes", "a.txt"), "from the working directory");
});

afterEach(async () => {
  await rm(projectDir, { recursive: true, force: true });
});

/** The tools a worker listing `toolsets` gets, through the same path a run takes. */
async function toolsOf(toolsets: string) {
  const worker = parseWorkerFile(
    `---\nname: main\ntoolsets: ${toolsets}\n---\n`,
    path.join(cwd, "main.worker"),
  );
  const registry = new Registry({
    workers: [worker],
    toolsets: [],
    otherExports: [],
    builtins: builtinToolsets,
  });
  const bindings = await prepareWorkerTools(worker, {
    registry,
    workerInputSchema: () => {
      throw new Error("no workers here");
    },
    cwd,
    projectDir,
    env: process.env,
    created: [],
  });
  return new Map(
    [...bindings].map(([name, binding]) => [name, binding.kind === "tool" ? binding.tool : undefined]),
  );
}

async function check(tool: Tool | undefined, input: unknown) {
  if (typeof tool?.needsApproval !== "function") throw new Error("needsApproval should be a function");
  return tool.needsApproval(input);
}

describe("toolset presets", () => {
  it("are built-in names every run has", async () => {
    expect(Object.keys(toolsetPresets)).toEqual([
      "filesystem_cwd",
      "filesystem_cwd_read_only",
      "filesystem_project",
      "filesystem_project_read_only",
      "shell_read_only",
      "shell_file_ops",
    ]);
    for (const name of Object.keys(toolsetPresets))
      expect((await builtinToolsets[name]?.())?.name).toBe(name);
  });

  it("root the filesystem at the working directory or the project, read-only or not", async () => {
    const read = async (preset: string) => {
      const tools = await toolsOf(`[${preset}]`);
      const result = await tools
        .get("read_file")!
        .execute({ path: "notes/a.txt", offset: 0, max_chars: 100 }, fakeCallContext({ cwd }));
      return { tools: [...tools.keys()], content: (result as { content: string }).content };
    };
    expect(await read("filesystem_cwd")).toEqual({
      tools: ["read_file", "list_files", "write_file"],
      content: "from the working directory",
    });
    expect(await read("filesystem_cwd_read_only")).toEqual({
      tools: ["read_file", "list_files"],
      content: "from the working directory",
    });
    expect(await read("filesystem_project")).toEqual({
      tools: ["read_file", "list_files", "write_file"],
      content: "from the project",
    });
    expect(await read("filesystem_project_read_only")).toEqual({
      tools: ["read_file", "list_files"],
      content: "from the project",
    });
  });

  it("ask before writes, and keep paths inside their base", async () => {
    const tools = await toolsOf("[filesystem_project]");
    expect(await check(tools.get("write_file"), { path: "notes/b.txt", content: "x" })).toEqual({
      type: "needs-approval",
    });
    expect(await check(tools.get("read_file"), { path: "../outside.txt" })).toMatchObject({
      type: "blocked",
    });
  });

  it("shell_read_only runs reading commands freely, asks before find and git options that write or run, and blocks the rest", async () => {
    const shell = (await toolsOf("[shell_read_only]")).get("shell");
    const classify = async (command: string) => ((await check(shell, { command })) as { type: string }).type;
    for (const command of ["ls -la", "cat notes/a.txt", "grep -rn TODO .", "wc -l x", "head x", "tail x"])
      expect(await classify(command)).toBe("pre-approved");
    for (const command of [
      "git log --oneline",
      "git diff HEAD~1",
      "git show HEAD",
      "git status",
      "find . -name x",
    ])
      expect(await classify(command)).toBe("pre-approved");
    for (const command of [
      "find . -delete",
      "find . -exec rm {} +",
      "find . -fprint out.txt",
      "git diff --output=patch.txt",
      "git log --output out.txt",
      "find . -fls out.txt",
      "git show --ext-diff HEAD",
      "grep --include=x -r y .  --unvetted-option",
    ])
      expect(await classify(command)).toBe("needs-approval");
    for (const command of ["rm -rf notes", "sort -o out.txt x", "uniq a b", "mv a b", "git push", "ls > x"])
      expect(await classify(command)).toBe("blocked");
  });

  it("shell_file_ops lists freely, asks before mv, and blocks the rest", async () => {
    const shell = (await toolsOf("[shell_file_ops]")).get("shell");
    const classify = async (command: string) => ((await check(shell, { command })) as { type: string }).type;
    expect(await classify("ls notes")).toBe("pre-approved");
    expect(await classify("mv notes/a.txt notes/b.txt")).toBe("needs-approval");
    expect(await classify("rm notes/a.txt")).toBe("blocked");
  });

  it("take no configuration, but accept _approval_config", async () => {
    await expect(toolsOf("\n  shell_read_only: { rules: [] }")).rejects.toThrow(
      "main.worker:4:3: invalid config for toolset 'shell_read_only': the preset 'shell_read_only' takes no configuration (only _approval_config): to configure it, use 'shell' with options",
    );
    const tools = await toolsOf(
      "\n  filesystem_cwd:\n    _approval_config: { write_file: { pre_approved: true } }",
    );
    expect([...tools.keys()]).toContain("write_file");
  });
});
