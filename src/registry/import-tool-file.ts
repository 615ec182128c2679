/**
 * @module Loads a user's tool file (`.ts`, `.mts`, `.js`, `.mjs`). `llm-do` and `zod` imports
 * inside it resolve to the running llm-do's own copies, so a loose folder with no
 * `node_modules` works (`npx llm-do main.worker tools.ts "..."`).
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { ConfigError, errorMessage } from "../errors.js";
import { packageRoot, runsFromSource } from "../package-root.js";

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

/**
 * Imports a tool file and returns its exports. Contract: throws a ConfigError naming the file
 * when it is missing, has the wrong extension, or fails to load.
 */
export async function importToolFile(file: string): Promise<Record<string, unknown>> {
  const absolute = path.resolve(file);
  if (!TOOL_FILE_EXTENSIONS.some((extension) => absolute.endsWith(extension))) {
    throw new ConfigError(`${file}: not a tool file (expected ${TOOL_FILE_EXTENSIONS.join(", ")})`);
  }
  if (!existsSync(absolute)) throw new ConfigError(`Tool file not found: ${file}`);
  importer ??= await createImporter();
  try {
    return await importer(absolute);
  } catch (error) {
    throw new ConfigError(`${file}: failed to load: ${errorMessage(error)}`, { cause: error });
  }
}
