import { afterEach, describe, expect, it } from "vitest";
import { type TempProject, tempProject } from "../testing/temp-project.js";
import { jsonLinesItems, readBatchItems } from "./read-batch-items.js";

let project: TempProject | undefined;
afterEach(async () => {
  await project?.remove();
});

describe("jsonLinesItems", () => {
  it("takes each line's string or object, keyed by its line number", () => {
    expect(jsonLinesItems('"first"\n\n{"topic":"b"}\n', "items.jsonl")).toEqual([
      { key: "1", input: "first" },
      { key: "3", input: { topic: "b" } },
    ]);
  });

  it("names the line that is not JSON, or not a string or an object", () => {
    expect(() => jsonLinesItems('"ok"\n{oops\n', "items.jsonl")).toThrow(/^items\.jsonl:2: not JSON \(/);
    expect(() => jsonLinesItems("[1, 2]\n", "items.jsonl")).toThrow(
      "items.jsonl:1: an item is a JSON string or object, not an array",
    );
    expect(() => jsonLinesItems('"a"\n42\n', "items.jsonl")).toThrow(
      "items.jsonl:2: an item is a JSON string or object, not a number",
    );
  });
});

describe("readBatchItems", () => {
  it("makes each file of a folder an item, attached, with the prompt or its name as text", async () => {
    project = await tempProject({ "decks/b.pdf": "%PDF-", "decks/a.md": "# a", "decks/.hidden": "x" });
    expect(await readBatchItems("decks", { cwd: project.dir, prompt: "Evaluate this" })).toEqual([
      { key: "a.md", input: { input: "Evaluate this", attachments: ["decks/a.md"] } },
      { key: "b.pdf", input: { input: "Evaluate this", attachments: ["decks/b.pdf"] } },
    ]);
    expect(await readBatchItems("decks", { cwd: project.dir })).toMatchObject([
      { input: { input: "a.md" } },
      {},
    ]);
  });

  it("refuses a missing source and prompt words with a JSON Lines file", async () => {
    project = await tempProject({ "items.jsonl": '"a"\n' });
    await expect(readBatchItems("nope.jsonl", { cwd: project.dir })).rejects.toThrow(
      "--inputs nope.jsonl: no such file or folder",
    );
    await expect(readBatchItems("items.jsonl", { cwd: project.dir, prompt: "x" })).rejects.toThrow(
      /^prompt words are sent with each file of a folder of items; --inputs items\.jsonl is a JSON Lines file/,
    );
  });
});
