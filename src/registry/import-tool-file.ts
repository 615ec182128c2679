/**
 * @module Loads a user's tool file (`.ts`, `.mts`, `.js`, `.mjs`). `llm-do` and `zod` imports
 * inside it resolve to the running llm-do's own copies, so a loose folder with no
 * `node_modules` works (`npx llm-do main.worker tools.ts "..."`).
 */
import { statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { ConfigError, errorMessage } from "../errors.js";
import { packageRoot, runsFromSource } from "../package-root.js";
import { errorCode } from "../util/error-code.js";
import { nonRegularKind } from "../util/file-kind.js";
import { escapeUnprintable } from "../util/quote.js";
import { TimeLimitError, withTimeLimit } from "../util/with-time-limit.js";

/** Extensions accepted as tool files. */
export const TOOL_FILE_EXTENSIONS = [".ts", ".mts", ".js", ".mjs"] as const;

type Importer = (file: string) => Promise<Record<string, unknown>>;

let importer: Importer | undefined;

async function createImporter(): Promise<Importer> {
  const [{ createJiti }, api, zod] = await Promise.all([
    import("jiti"),
    import("../index.js"),
    import("zod"),
  ]);
  const require = createRequire(import.meta.url);
  // `llm-do/testing` is rare in tool files: it is loaded from the copy that is running (dist/*.js
  // when installed, src/*.ts under a test runner) only when a tool file imports it.
  const [root, extension] = runsFromSource()
    ? [path.join(packageRoot(), "src"), ".ts"]
    : [path.join(packageRoot(), "dist"), ".js"];
  const jiti = createJiti(import.meta.url, {
    // A tool file gets the running llm-do and zod themselves, not fresh copies: nothing of
    // llm-do is compiled or evaluated again per tool file, and its values are the ones we check.
    virtualModules: { "llm-do": api, zod },
    alias: {
      "llm-do/testing": path.join(root, `testing/index${extension}`),
      zod: path.dirname(require.resolve("zod/package.json")),
    },
    // Tool files are read again on every load (the chat re-reads them each turn).
    moduleCache: false,
    fsCache: false,
    interopDefault: false,
  });
  return async (file) => (await jiti.import(file)) as Record<string, unknown>;
}

/** How long a tool file may take to load, by default: 10 seconds. */
export const DEFAULT_TOOL_LOAD_TIMEOUT_MS = 10_000;

/** Options of {@link importToolFile}. */
export interface ImportToolFileOptions {
  /** How long the file may take to load, in milliseconds (default {@link DEFAULT_TOOL_LOAD_TIMEOUT_MS}). */
  timeoutMs?: number;
  /** The name messages use (default: `file` as given). */
  shownAs?: string;
}

/**
 * Imports a tool file and returns its exports.
 *
 * Contract: throws a ConfigError naming the file when it is missing, is not a regular file (a
 * directory, a FIFO, a device: never read), has the wrong extension, fails to load, or does not
 * finish loading within the time limit (an endless loop at its top level, or a top-level await
 * that never settles).
 */
export async function importToolFile(
  file: string,
  options: ImportToolFileOptions = {},
): Promise<Record<string, unknown>> {
  const shown = escapeUnprintable(options.shownAs ?? file);
  const absolute = path.resolve(file);
  if (!TOOL_FILE_EXTENSIONS.some((extension) => absolute.endsWith(extension))) {
    throw new ConfigError(`${shown}: not a tool file (expected ${TOOL_FILE_EXTENSIONS.join(", ")})`);
  }
  checkRegularFile(absolute, shown);
  importer ??= await createImporter();
  const load = importer;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TOOL_LOAD_TIMEOUT_MS;
  try {
    return await withTimeLimit(() => load(absolute), timeoutMs);
  } catch (error) {
    if (error instanceof TimeLimitError) {
      throw new ConfigError(
        `${shown}: did not finish loading within ${formatSeconds(timeoutMs)} (an endless loop at its top level, or a top-level await that never settles?); LLM_DO_TOOL_LOAD_TIMEOUT sets the limit in seconds`,
      );
    }
    // The first line: a module-not-found error goes on with its require stack, a syntax error
    // with a code frame (shown with --debug, through the cause).
    const [first] = errorMessage(error).split("\n");
    throw new ConfigError(`${shown}: failed to load: ${first}`, { cause: error });
  }
}

function checkRegularFile(absolute: string, shown: string): void {
  let kind: string | undefined;
  try {
    kind = nonRegularKind(statSync(absolute));
  } catch (error) {
    if (errorCode(error) === "ENOENT") throw new ConfigError(`Tool file not found: ${shown}`);
    throw new ConfigError(`Cannot read tool file ${shown}: ${errorMessage(error)}`, { cause: error });
  }
  if (kind) throw new ConfigError(`${shown}: is ${kind}, not a regular file`);
}

function formatSeconds(milliseconds: number): string {
  const seconds = milliseconds / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}
