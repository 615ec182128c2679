import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { type TempProject, tempProject } from "../testing/temp-project.js";
import type { BatchResult } from "./batch-item.js";
import { ResultsFile } from "./results-file.js";

let project: TempProject | undefined;
afterEach(async () => {
  await project?.remove();
});

const result = (key: string): BatchResult => ({
  key,
  input: `input ${key}`,
  outcome: "ok",
  output: `output ${key}`,
  usage: {
    inputTokens: 1,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    outputTokens: 1,
    totalTokens: 2,
    requests: 1,
  },
  cost: { usd: 0.001, unpricedModels: [] },
  durationMs: 5,
});

describe("ResultsFile", () => {
  it("appends one line per item, once, and reads them back", async () => {
    project = await tempProject();
    const file = project.path("results.jsonl");
    const results = ResultsFile.open(file);
    expect(results.append(result("1"))).toBe(true);
    expect(results.append(result("2"))).toBe(true);
    expect(results.append(result("1"))).toBe(false);
    results.close();
    expect(readFileSync(file, "utf8").split("\n")).toHaveLength(3);
    const again = ResultsFile.open(file);
    expect([...again.done.keys()]).toEqual(["1", "2"]);
    expect(again.done.get("2")).toEqual(result("2"));
    again.close();
  });

  it("removes a line cut short by a killed process, so its item runs again", async () => {
    project = await tempProject();
    const file = project.path("results.jsonl");
    writeFileSync(file, `${JSON.stringify(result("1"))}\n{"key":"2","inp`);
    const results = ResultsFile.open(file);
    expect([...results.done.keys()]).toEqual(["1"]);
    results.append(result("2"));
    results.close();
    expect(readFileSync(file, "utf8")).toBe(
      `${JSON.stringify(result("1"))}\n${JSON.stringify(result("2"))}\n`,
    );
  });

  it("names a line that is not a result", async () => {
    project = await tempProject({ "notes.jsonl": `${JSON.stringify(result("1"))}\n{"hello":1}\n` });
    expect(() => ResultsFile.open(project!.path("notes.jsonl"), "notes.jsonl")).toThrow(
      "notes.jsonl:2: not a result line of llm-do batch; give --out a new file",
    );
  });

  it("keeps its identity while the file lives, and takes a new one when it is made again", async () => {
    project = await tempProject();
    const file = project.path("results.jsonl");
    const first = ResultsFile.open(file);
    const identity = first.identity();
    first.close();
    const second = ResultsFile.open(file);
    expect(second.identity()).toBe(identity);
    second.close();
    rmSync(file);
    // The file system may give the new file the same inode; its creation time differs.
    const third = ResultsFile.open(file);
    expect(third.identity()).not.toBe(identity);
    third.close();
  });
});
