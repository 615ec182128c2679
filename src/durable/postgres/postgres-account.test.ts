import { describe, expect, it } from "vitest";
import { choosePostgresAccount, type DirectoryMode, findBlockedDirectory } from "./postgres-account.js";

const passwd =
  "root:x:0:0:root:/root:/bin/bash\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n";

describe("choosePostgresAccount", () => {
  it("runs Postgres as the current user when that is not root", () => {
    expect(choosePostgresAccount(1000, () => passwd)).toEqual({ type: "current" });
    expect(choosePostgresAccount(undefined, () => passwd)).toEqual({ type: "current" });
  });

  it("hands Postgres to nobody when running as root", () => {
    expect(choosePostgresAccount(0, () => passwd)).toEqual({
      type: "unprivileged",
      name: "nobody",
      uid: 65534,
      gid: 65534,
    });
  });

  it("says what to do when root has no account to hand Postgres to", () => {
    expect(() => choosePostgresAccount(0, () => "root:x:0:0:root:/root:/bin/bash\n")).toThrow(
      /runs as root, Postgres refuses to, and there is no 'nobody' account .*--database-url/,
    );
  });
});

describe("findBlockedDirectory", () => {
  const nobody = { type: "unprivileged", name: "nobody", uid: 65534, gid: 65534 } as const;
  const modes: Record<string, DirectoryMode> = {
    "/": { mode: 0o755, uid: 0, gid: 0 },
    "/root": { mode: 0o700, uid: 0, gid: 0 },
    "/root/project": { mode: 0o755, uid: 0, gid: 0 },
    "/srv": { mode: 0o751, uid: 0, gid: 0 },
    "/srv/app": { mode: 0o710, uid: 0, gid: 65534 },
    "/srv/app/own": { mode: 0o700, uid: 65534, gid: 0 },
  };
  const stat = (directory: string) => modes[directory]!;

  it("finds the first directory the account cannot enter", () => {
    expect(findBlockedDirectory("/root/project", nobody, stat)).toBe("/root");
  });

  it("lets the account through world-, group- and owner-executable directories", () => {
    expect(findBlockedDirectory("/srv/app/own", nobody, stat)).toBeUndefined();
  });

  it("checks nothing when Postgres runs as the current user", () => {
    expect(findBlockedDirectory("/root/project", { type: "current" }, stat)).toBeUndefined();
  });
});
