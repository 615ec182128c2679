import { describe, expect, it } from "vitest";
import { chooseSandbox } from "./choose-sandbox.js";
import type { SandboxSupport } from "./find-sandbox.js";

const available: SandboxSupport = { type: "available", kind: "bubblewrap", executable: "/usr/bin/bwrap" };
const missing: SandboxSupport = {
  type: "unavailable",
  reason: "bubblewrap (bwrap) is not on PATH",
  remedy: "install bubblewrap (apt-get install bubblewrap)",
};

describe("chooseSandbox", () => {
  it("sandboxes under auto and required when a sandbox is available", () => {
    const sandboxed = { type: "sandboxed", kind: "bubblewrap", executable: "/usr/bin/bwrap" };
    expect(chooseSandbox("auto", available)).toEqual(sandboxed);
    expect(chooseSandbox("required", available)).toEqual(sandboxed);
  });

  it("refuses under required without one, naming what to install", () => {
    expect(chooseSandbox("required", missing)).toEqual({
      type: "refused",
      message:
        "shell sandbox: required, but no sandbox can start: bubblewrap (bwrap) is not on PATH. To fix: install bubblewrap (apt-get install bubblewrap); or set sandbox: auto to run commands without one",
    });
  });

  it("runs unsandboxed under auto without one, with a warning that says what that means", () => {
    expect(chooseSandbox("auto", missing)).toEqual({
      type: "unsandboxed",
      warning:
        "shell commands run without a sandbox (bubblewrap (bwrap) is not on PATH): they can write wherever you can and use the network. To sandbox them, install bubblewrap (apt-get install bubblewrap); set sandbox: off to silence this warning, or sandbox: required to refuse to run without one",
    });
  });
});
