import { mkdir, mkdtemp, readFile, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ApprovalCheck } from "../../approvals/approval-types.js";
import { fakeCallContext } from "../../testing/fake-call-context.js";
import type { Tool, Toolset } from "../../tools/tool.js";
import type { ToolsetEnvironment } from "../toolset-factory.js";
import { FilesystemConfig, filesystemToolset } from "./index.js";

let cwd: string;

beforeEach(async () => {
  cwd = await realpath(await mkdtemp(join(tmpdir(), "llm-do-filesystem-")));
  await mkdir(join(cwd, "project", "docs"), { recursive: true });
  await writeFile(join(cwd, "project", "docs", "a.txt"), "hello");
});

afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

const environment = (): ToolsetEnvironment => ({
  cwd,
  workerFile: join(cwd, "main.worker"),
  workerName: "main",
  env: {},
});

function create(config: unknown): Promise<Toolset> {
  return Promise.resolve(filesystemToolset.create(FilesystemConfig.parse(config), environment()));
}

function toolNamed(set: Toolset, name: string): Tool {
  const found = set.tools[name];
  if (!found) throw new Error(`no tool ${name}`);
  return found;
}

async function checkOf(set: Toolset, name: string, input: unknown): Promise<ApprovalCheck> {
  const { needsApproval } = toolNamed(set, name);
  if (typeof needsApproval !== "function") throw new Error(`${name}: needsApproval should be a function`);
  return (await needsApproval(input)) as ApprovalCheck;
}

const inputs: Record<string, unknown> = {
  read_file: { path: "docs/a.txt", offset: 0, max_chars: 10 },
  list_files: { path: ".", pattern: "**/*" },
  write_file: { path: "docs/b.txt", content: "x" },
};

describe("filesystemToolset", () => {
  it("is a toolset factory named filesystem", () => {
    expect(filesystemToolset.kind).toBe("toolset-factory");
    expect(filesystemToolset.name).toBe("filesystem");
  });

  describe("configSchema", () => {
    it("applies the defaults", () => {
      expect(FilesystemConfig.parse({})).toEqual({
        read_approval: false,
        write_approval: true,
        read_only: false,
      });
    });

    it("rejects unknown keys, naming them", () => {
      const result = FilesystemConfig.safeParse({ base_dir: ".", root: "/" });
      expect(result.success).toBe(false);
      expect(result.error?.issues).toEqual([
        expect.objectContaining({ code: "unrecognized_keys", keys: ["root"] }),
      ]);
    });

    it("rejects values of the wrong type", () => {
      expect(FilesystemConfig.safeParse({ read_only: "yes" }).success).toBe(false);
      expect(FilesystemConfig.safeParse({ base_dir: 3 }).success).toBe(false);
    });
  });

  describe("create", () => {
    it("offers read_file, list_files and write_file", async () => {
      expect(Object.keys((await create({})).tools).sort()).toEqual(["list_files", "read_file", "write_file"]);
    });

    it("leaves write_file out when read_only", async () => {
      expect(Object.keys((await create({ read_only: true })).tools).sort()).toEqual([
        "list_files",
        "read_file",
      ]);
    });

    it("confines the tools to base_dir, relative to the working directory", async () => {
      const set = await create({ base_dir: "project" });
      const context = fakeCallContext({ cwd });
      expect(await toolNamed(set, "list_files").execute(inputs.list_files, context)).toEqual(["docs/a.txt"]);
      expect(await toolNamed(set, "read_file").execute(inputs.read_file, context)).toMatchObject({
        content: "hello",
      });
      await toolNamed(set, "write_file").execute(inputs.write_file, context);
      expect(await readFile(join(cwd, "project", "docs", "b.txt"), "utf8")).toBe("x");
    });

    it("defaults the base to the working directory", async () => {
      const set = await create({});
      const result = await toolNamed(set, "list_files").execute(
        { path: ".", pattern: "**/*" },
        fakeCallContext({ cwd }),
      );
      expect(result).toEqual(["project/docs/a.txt"]);
    });

    it("accepts an absolute base_dir", async () => {
      const set = await create({ base_dir: join(cwd, "project", "docs") });
      expect(await toolNamed(set, "list_files").execute(inputs.list_files, fakeCallContext())).toEqual([
        "a.txt",
      ]);
    });

    it("fails with a ConfigError when base_dir does not exist", async () => {
      await expect(create({ base_dir: "missing" })).rejects.toMatchObject({
        name: "ConfigError",
        code: "CONFIG_INVALID",
        message: `${join(cwd, "main.worker")}: filesystem toolset: base_dir 'missing' (${join(cwd, "missing")}) does not exist`,
      });
    });

    it("fails with a ConfigError when base_dir is not a directory", async () => {
      await expect(create({ base_dir: "project/docs/a.txt" })).rejects.toMatchObject({
        name: "ConfigError",
        message: `${join(cwd, "main.worker")}: filesystem toolset: base_dir 'project/docs/a.txt' (${join(cwd, "project", "docs", "a.txt")}) is not a directory`,
      });
    });
  });

  describe("approval", () => {
    const cases = [
      { config: {}, read: "pre-approved", write: "needs-approval" },
      { config: { read_approval: true }, read: "needs-approval", write: "needs-approval" },
      { config: { write_approval: false }, read: "pre-approved", write: "pre-approved" },
      {
        config: { read_approval: true, write_approval: false },
        read: "needs-approval",
        write: "pre-approved",
      },
    ];
    for (const { config, read, write } of cases) {
      it(`classifies calls inside the base with ${JSON.stringify(config)}`, async () => {
        const set = await create({ base_dir: "project", ...config });
        expect(await checkOf(set, "read_file", inputs.read_file)).toEqual({ type: read });
        expect(await checkOf(set, "list_files", inputs.list_files)).toEqual({ type: read });
        expect(await checkOf(set, "write_file", inputs.write_file)).toEqual({ type: write });
      });
    }

    it("blocks paths outside the base whatever the configuration", async () => {
      const set = await create({ base_dir: "project", read_approval: true, write_approval: false });
      const base = join(cwd, "project");
      const reason = (path: string) =>
        `Path '${path}' is outside the allowed directory ${base}: use a path relative to it`;
      expect(await checkOf(set, "read_file", { path: "../x", offset: 0, max_chars: 1 })).toEqual({
        type: "blocked",
        reason: reason("../x"),
      });
      expect(await checkOf(set, "list_files", { path: "/etc", pattern: "*" })).toEqual({
        type: "blocked",
        reason: reason("/etc"),
      });
      expect(await checkOf(set, "write_file", { path: "~/x", content: "" })).toEqual({
        type: "blocked",
        reason: reason("~/x"),
      });
    });

    it("describes each call", async () => {
      const set = await create({});
      expect(toolNamed(set, "read_file").describe?.(inputs.read_file)).toBe("Read from docs/a.txt");
      expect(toolNamed(set, "list_files").describe?.(inputs.list_files)).toBe(
        "List files matching **/* in .",
      );
      expect(toolNamed(set, "write_file").describe?.(inputs.write_file)).toBe("Write 1 chars to docs/b.txt");
    });
  });
});
