// The attack of issue 15: another process swaps a directory inside the base with a symlink to a
// directory outside it (renameat2 RENAME_EXCHANGE in a loop) while the tools run. Nothing outside
// may be created, written, read or listed, and no temporary file may be left behind.
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, realpath, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fakeCallContext } from "../../testing/fake-call-context.js";
import { createListFilesTool, ListFilesInput } from "./list-files.js";
import { createReadFileTool, ReadFileInput } from "./read-file.js";
import { createWriteFileTool, isTemporaryFileName, WriteFileInput } from "./write-file.js";

const helper = new URL("../../../test/fixtures/filesystem/exchange-loop.py", import.meta.url).pathname;
const rounds = 50;
// Debian's interpreter where there is one: a version manager's `python3` shim can take seconds
// to start on a loaded machine. `-S`: the helper needs no site packages.
const python = existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

let root: string;
let base: string;
let outside: string;
let swapper: ChildProcessWithoutNullStreams | undefined;

beforeEach(async () => {
  root = await realpath(await mkdtemp(join(tmpdir(), "llm-do-swap-race-")));
  base = join(root, "base");
  outside = join(root, "outside");
  await mkdir(join(base, "swap", "nested"), { recursive: true });
  await writeFile(join(base, "swap", "inside.txt"), "inside");
  await writeFile(join(base, "swap", "nested", "inside-nested.txt"), "inside");
  await mkdir(join(outside, "nested"), { recursive: true });
  await writeFile(join(outside, "outside.txt"), "outside");
  await writeFile(join(outside, "nested", "outside-nested.txt"), "outside");
  await symlink(outside, join(base, "link"));
});

afterEach(async () => {
  swapper?.kill("SIGKILL");
  swapper = undefined;
  await rm(root, { recursive: true, force: true });
});

/** Starts the helper swapping `base/swap` and `base/link`; resolves once it has swapped once. */
async function startSwapping(): Promise<{ stop: () => Promise<number> }> {
  const child = spawn(python, ["-S", helper, join(base, "swap"), join(base, "link")]);
  swapper = child;
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr += String(chunk);
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const first = await lines.next();
  if (first.value !== "ready") throw new Error(`exchange-loop.py did not start: ${stderr}`);
  return {
    async stop() {
      child.stdin.end();
      const count = await lines.next();
      const [code] = await once(child, "exit");
      if (code !== 0) throw new Error(`exchange-loop.py exited with ${code}: ${stderr}`);
      return Number(count.value);
    },
  };
}

/** Every path below `directory`, with the content of each file, symlinks not followed. */
async function snapshot(directory: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const entry of await readdir(directory, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    result[path] = entry.isFile() ? await readFile(path, "utf8") : entry.isDirectory() ? "<dir>" : "<other>";
  }
  return result;
}

type Outcome = { type: "ok"; value: unknown } | { type: "error"; message: string };

async function settle(promise: unknown): Promise<Outcome> {
  try {
    return { type: "ok", value: await promise };
  } catch (error) {
    return { type: "error", message: error instanceof Error ? error.message : String(error) };
  }
}

describe("filesystem tools under a concurrent symlink swap", () => {
  it("create, write, read and list nothing outside the base and leave no temporary file", async () => {
    const before = await snapshot(outside);
    const context = fakeCallContext({ cwd: base });
    const write = createWriteFileTool({ base, requireApproval: false });
    const read = createReadFileTool({ base, requireApproval: false });
    const list = createListFilesTool({ base, requireApproval: false });
    const swapping = await startSwapping();
    const outcomes: { call: string; outcome: Outcome }[] = [];
    const run = async (call: string, promise: unknown) => {
      outcomes.push({ call, outcome: await settle(promise) });
    };
    for (let round = 0; round < rounds; round++) {
      await Promise.all([
        run(
          "write",
          write.execute(WriteFileInput.parse({ path: "swap/a.txt", content: `${round}` }), context),
        ),
        run(
          "write-deep",
          write.execute(
            WriteFileInput.parse({ path: `swap/new-${round}/deeper/b.txt`, content: "b" }),
            context,
          ),
        ),
        run("list-swap", list.execute(ListFilesInput.parse({ path: "swap" }), context)),
        run("list-base", list.execute(ListFilesInput.parse({ pattern: "*/*" }), context)),
        run("read-inside", read.execute(ReadFileInput.parse({ path: "swap/inside.txt" }), context)),
        run("read-outside", read.execute(ReadFileInput.parse({ path: "swap/outside.txt" }), context)),
      ]);
    }
    const swaps = await swapping.stop();

    // The helper really raced the calls: it swapped many times, and calls saw both states.
    expect(swaps).toBeGreaterThan(rounds);
    const refused = outcomes.filter(
      ({ outcome }) =>
        outcome.type === "error" && outcome.message.includes("is outside the allowed directory"),
    );
    expect(refused.length).toBeGreaterThan(0);
    expect(
      outcomes.filter(({ call, outcome }) => call === "write" && outcome.type === "ok").length,
    ).toBeGreaterThan(0);

    // Nothing outside was touched or created, and nothing beside the base either.
    expect(await snapshot(outside)).toEqual(before);
    expect((await readdir(root)).sort()).toEqual(["base", "outside"]);
    // Nothing outside was read or listed.
    for (const { call, outcome } of outcomes) {
      if (outcome.type !== "ok") continue;
      expect(call).not.toBe("read-outside");
      expect(JSON.stringify(outcome.value)).not.toMatch(/outside/);
    }
    // Every failure is one the model can read, not a crash.
    for (const { outcome } of outcomes) {
      if (outcome.type === "error") {
        expect(outcome.message).toMatch(
          /is outside the allowed directory|^File not found: swap\/outside\.txt$|kept changing while it was opened/,
        );
      }
    }
    // No temporary file anywhere in the base.
    const leftovers = Object.keys(await snapshot(base)).filter((path) =>
      isTemporaryFileName(path.slice(path.lastIndexOf("/") + 1)),
    );
    expect(leftovers).toEqual([]);
  });
});
