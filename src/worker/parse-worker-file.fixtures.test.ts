import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { WorkerFileError } from "../errors.js";
import { parseWorkerFile } from "./parse-worker-file.js";

const fixtures = path.resolve(import.meta.dirname, "../../test/fixtures/workers");
const files = readdirSync(fixtures);
const errorCases = files
  .filter((file) => file.endsWith(".error.txt"))
  .map((file) => file.slice(0, -".error.txt".length));
const validCases = files
  .filter((file) => file.endsWith(".worker"))
  .map((file) => file.slice(0, -".worker".length))
  .filter((name) => !errorCases.includes(name));

function parseFixture(name: string): unknown {
  const text = readFileSync(path.join(fixtures, `${name}.worker`), "utf8");
  return parseWorkerFile(text, `${name}.worker`);
}

describe("worker file fixtures with a golden error", () => {
  it("has error fixtures to walk", () => {
    expect(errorCases.length).toBeGreaterThan(50);
  });

  it.each(errorCases)("%s", (name) => {
    const expected = readFileSync(path.join(fixtures, `${name}.error.txt`), "utf8").trim();
    let thrown: unknown;
    try {
      parseFixture(name);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(WorkerFileError);
    expect((thrown as WorkerFileError).message).toBe(expected);
  });
});

describe("worker file fixtures without a golden error", () => {
  it.each(validCases)("%s parses", (name) => {
    expect(() => parseFixture(name)).not.toThrow();
  });
});
