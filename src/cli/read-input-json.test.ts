import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readInputJson } from "./read-input-json.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "llm-do-input-json-"));
  await writeFile(path.join(dir, "input.json"), '{ "url": "https://example.com", "depth": 2 }\n');
  await writeFile(path.join(dir, "broken.json"), '{ "url": ');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("readInputJson", () => {
  it("reads an inline object", () => {
    expect(readInputJson('{"input": "hi", "attachments": ["a.pdf"]}', dir)).toEqual({
      input: "hi",
      attachments: ["a.pdf"],
    });
  });

  it("reads @FILE relative to the working directory", () => {
    expect(readInputJson("@input.json", dir)).toEqual({ url: "https://example.com", depth: 2 });
  });

  it("names the flag, and the file, in every error", () => {
    expect(() => readInputJson("@missing.json", dir)).toThrow(
      `--input-json @missing.json: file not found (${path.join(dir, "missing.json")})`,
    );
    expect(() => readInputJson("@broken.json", dir)).toThrow(/^--input-json @broken\.json: invalid JSON: /);
    expect(() => readInputJson("{input: hi}", dir)).toThrow(/^--input-json value: invalid JSON: /);
    expect(() => readInputJson("[1, 2]", dir)).toThrow(
      `--input-json value: expected a JSON object, e.g. '{"input": "..."}' or the fields of the entry's schema_in (got a list)`,
    );
    expect(() => readInputJson('"hi"', dir)).toThrow(/\(got "hi"\)$/);
    expect(() => readInputJson("null", dir)).toThrow(/\(got null\)$/);
  });

  it("errors are usage errors (exit 2)", () => {
    expect(() => readInputJson("[]", dir)).toThrow(expect.objectContaining({ code: "USAGE" }));
  });
});
