import { describe, expect, it } from "vitest";
import { type FileIdentityStats, fileIdentity } from "./file-identity.js";

describe("fileIdentity", () => {
  const stats: FileIdentityStats = { dev: 1, ino: 2, size: 3, mtimeMs: 4.5, ctimeMs: 6.25 };

  it("is the same for the same version of a file", () => {
    expect(fileIdentity({ ...stats })).toBe(fileIdentity(stats));
  });

  it("changes when the device, inode, size, modification or change time changes", () => {
    const changes: Partial<FileIdentityStats>[] = [
      { dev: 9 },
      { ino: 9 },
      { size: 9 },
      { mtimeMs: 4.75 },
      { ctimeMs: 6.5 },
    ];
    const keys = changes.map((change) => fileIdentity({ ...stats, ...change }));
    expect(new Set([fileIdentity(stats), ...keys]).size).toBe(changes.length + 1);
  });
});
