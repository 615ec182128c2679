/**
 * @module Where the running llm-do is installed. Its modules run from src/ under a test runner
 * and from bundle chunks in dist/ otherwise, at different depths, so files that ship with the
 * package (package.json, data/) are found from the package root, not by relative URLs.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { InternalError } from "./errors.js";

let root: string | undefined;

/** The folder of llm-do's package.json: the nearest one above this module named `llm-do`. */
export function packageRoot(): string {
  root ??= findRoot(path.dirname(fileURLToPath(import.meta.url)));
  return root;
}

/** True when llm-do runs from its TypeScript sources (a test runner), false from dist/. */
export function runsFromSource(): boolean {
  return import.meta.url.endsWith(".ts");
}

function findRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (existsSync(manifest) && nameOf(manifest) === "llm-do") return dir;
    if (path.dirname(dir) === dir) throw new InternalError(`llm-do's package.json not found above ${start}`);
  }
}

function nameOf(manifest: string): unknown {
  try {
    return (JSON.parse(readFileSync(manifest, "utf8")) as { name?: unknown }).name;
  } catch {
    return undefined;
  }
}
