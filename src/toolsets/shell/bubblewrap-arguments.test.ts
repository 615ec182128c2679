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

  it("keeps llm-do's own installation visible, read-only, after hiding /tmp and /run, and only there", () => {
    const args = bubblewrapArguments({
      writable: "/w",
      cwd: "/w",
      network: "deny",
      keepVisible: ["/tmp/clone/llm-do", "/run/user/0/node", "/usr/local/bin"],
      argv,
    }).join(" ");
    expect(args).toContain("--tmpfs /run --ro-bind-try /tmp/clone/llm-do /tmp/clone/llm-do");
    expect(args).toContain("--ro-bind-try /run/user/0/node /run/user/0/node --bind /w /w");
    // Outside what is hidden, the root's read-only bind already shows it.
    expect(args).not.toContain("/usr/local/bin");
    // A /tmp look-alike is not under /tmp.
    expect(
      bubblewrapArguments({
        writable: "/w",
        cwd: "/w",
        network: "allow",
        keepVisible: ["/tmpfoo", "/run/x"],
        argv,
      }).join(" "),
    ).not.toMatch(/\/tmpfoo|\/run\/x/);
  });
});
