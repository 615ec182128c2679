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
  const { createJiti } = await import("jiti");
  const require = createRequire(import.meta.url);
  // Resolve to the copy that is running (dist/*.js when installed, src/*.ts under a test runner).
  const [root, extension] = runsFromSource()
    ? [path.join(packageRoot(), "src"), ".ts"]
    : [path.join(packageRoot(), "dist"), ".js"];
  const alias: Record<string, string> = {
    "llm-do/testing": path.join(root, `testing/index${extension}`),
    "llm-do": path.join(root, `index${extension}`),
    zod: path.dirname(require.resolve("zod/package.json")),
  };
  const jiti = createJiti(import.meta.url, {
    alias,
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
