import { describe, expect, it } from "vitest";
import { bubblewrapArguments } from "./bubblewrap-arguments.js";

describe("bubblewrapArguments", () => {
  const argv = ["/usr/bin/grep", "-rn", "TODO", "."];

  it("mounts the root read-only, then a private /tmp, then the writable directory, and keeps git's files read-only", () => {
    expect(
      bubblewrapArguments({ writable: "/work/project", cwd: "/work/project/src", network: "deny", argv }),
    ).toEqual([
      "--die-with-parent",
      "--new-session",
      "--unshare-pid",
      "--unshare-ipc",
      "--unshare-uts",
      "--unshare-net",
      "--cap-drop",
      "ALL",
      "--ro-bind",
      "/",
      "/",
      "--dev",
      "/dev",
      "--proc",
      "/proc",
      "--tmpfs",
      "/tmp",
      "--tmpfs",
      "/run",
      "--bind",
      "/work/project",
      "/work/project",
      "--ro-bind-try",
      "/work/project/.git/config",
      "/work/project/.git/config",
      "--ro-bind-try",
      "/work/project/.git/hooks",
      "/work/project/.git/hooks",
      "--setenv",
      "TMPDIR",
      "/tmp",
      "--chdir",
      "/work/project/src",
      "--",
      ...argv,
    ]);
  });

  it("shares the network namespace and /run with network: allow", () => {
    const args = bubblewrapArguments({ writable: "/w", cwd: "/w", network: "allow", argv });
    expect(args).not.toContain("--unshare-net");
    expect(args.join(" ")).not.toContain("--tmpfs /run");
    expect(args).toContain("--unshare-pid");
  });

  it("passes the command after --, so a program named like an option stays the program", () => {
    const args = bubblewrapArguments({
      writable: "/w",
      cwd: "/w",
      network: "deny",
      argv: ["/bin/echo", "--bind", "/", "/"],
    });
    expect(args.slice(args.indexOf("--"))).toEqual(["--", "/bin/echo", "--bind", "/", "/"]);
  });
});
