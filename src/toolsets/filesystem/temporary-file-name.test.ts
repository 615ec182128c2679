import { describe, expect, it } from "vitest";
import { isTemporaryFileName, isTemporaryFileOf, temporaryFileName } from "./temporary-file-name.js";

describe("temporary file names", () => {
  it("are hidden, named after the file, unique, and recognised", () => {
    const first = temporaryFileName("a.txt");
    expect(first).toMatch(/^\.a\.txt\.[0-9a-f]{12}\.tmp$/);
    expect(temporaryFileName("a.txt")).not.toBe(first);
    expect(isTemporaryFileName(first)).toBe(true);
    expect(isTemporaryFileOf(first, "a.txt")).toBe(true);
  });

  it("tell a write's temporary files from other files", () => {
    expect(isTemporaryFileOf(".a.txt.0123456789ab.tmp", "a.txt")).toBe(true);
    expect(isTemporaryFileOf(".b.txt.0123456789ab.tmp", "a.txt")).toBe(false);
    expect(isTemporaryFileOf(".a.txt.0123456789ab.tmp", "txt")).toBe(false);
    expect(isTemporaryFileOf(".a.txt.0123456789AB.tmp", "a.txt")).toBe(false);
    expect(isTemporaryFileOf(".a.txt.0123456789abc.tmp", "a.txt")).toBe(false);
    for (const name of [
      ".a.txt.tmp",
      "a.txt.0123456789ab.tmp",
      ".a.txt.0123456789ab.tmp.bak",
      ".a.0123.tmp",
    ]) {
      expect(isTemporaryFileName(name)).toBe(false);
    }
  });
});
