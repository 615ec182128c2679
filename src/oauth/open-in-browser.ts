/**
 * @module Opens a URL in the user's browser with the platform's opener (no shell involved).
 */
import { spawn as nodeSpawn } from "node:child_process";

/** The part of a child process {@link openInBrowser} uses. */
export interface OpenerProcess {
  /** Listens once for `spawn` (started) or `error` (could not start). */
  once(event: string, listener: (...args: unknown[]) => void): unknown;
  /** Lets the parent exit without waiting for the child. */
  unref(): void;
}

/** Starts a detached process; `child_process.spawn` satisfies it. */
export type SpawnOpener = (
  command: string,
  args: string[],
  options: { detached: true; stdio: "ignore" },
) => OpenerProcess;

/** Options for {@link openInBrowser}. */
export interface OpenInBrowserOptions {
  /** The platform, as `process.platform` names it; defaults to the current one. */
  platform?: NodeJS.Platform;
  /** Starts a process; defaults to `child_process.spawn`. */
  spawn?: SpawnOpener;
}

/** The command and arguments that open `url` on `platform`. */
export function browserCommand(url: string, platform: NodeJS.Platform): [string, string[]] {
  if (platform === "darwin") return ["open", [url]];
  // `start` goes through cmd.exe, which would split the URL at `&`; rundll32 takes it whole.
  if (platform === "win32") return ["rundll32", ["url.dll,FileProtocolHandler", url]];
  return ["xdg-open", [url]];
}

/**
 * Starts the platform's URL opener, detached, and resolves once it has started.
 *
 * Contract: rejects when the opener cannot be started (e.g. `xdg-open` is not installed).
 */
export function openInBrowser(url: string, options: OpenInBrowserOptions = {}): Promise<void> {
  const spawn: SpawnOpener = options.spawn ?? nodeSpawn;
  const [command, args] = browserCommand(url, options.platform ?? process.platform);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { detached: true, stdio: "ignore" });
    child.once("error", reject);
    child.once("spawn", () => {
      child.unref();
      resolve();
    });
  });
}
