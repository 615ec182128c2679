/**
 * @module What the `sandbox:` setting means on this machine: run sandboxed, run without a
 * sandbox (with a warning under `auto`), or refuse (`required` without a sandbox). Pure.
 */
import type { SandboxKind } from "./command-sandbox.js";
import type { SandboxSupport } from "./find-sandbox.js";
import type { SandboxMode } from "./shell-config.js";

/** The decision. */
export type SandboxChoice =
  | { type: "sandboxed"; kind: SandboxKind; executable: string }
  | { type: "unsandboxed"; warning: string | undefined }
  | { type: "refused"; message: string };

/**
 * - a sandbox is available: sandboxed;
 * - none is, under `auto`: unsandboxed, with a warning naming why and the remedy;
 * - none is, under `required`: refused, with a message naming what to install.
 *
 * (`off` never looks for a sandbox: it runs unsandboxed, silently.)
 */
export function chooseSandbox(mode: Exclude<SandboxMode, "off">, support: SandboxSupport): SandboxChoice {
  if (support.type === "available") {
    return { type: "sandboxed", kind: support.kind, executable: support.executable };
  }
  const { reason, remedy } = support;
  if (mode === "required") {
    return {
      type: "refused",
      message: `shell sandbox: required, but no sandbox can start: ${reason}. To fix: ${remedy}; or set sandbox: auto to run commands without one`,
    };
  }
  return {
    type: "unsandboxed",
    warning: `shell commands run without a sandbox (${reason}): they can write wherever you can and use the network. To sandbox them, ${remedy}; set sandbox: off to silence this warning, or sandbox: required to refuse to run without one`,
  };
}
