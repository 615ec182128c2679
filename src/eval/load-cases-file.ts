/**
 * @module Reads a cases file and loads the TypeScript predicates it names (`./checks.ts#name`,
 * relative to the cases file), the way tool files are loaded.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { ConfigError, errorMessage } from "../errors.js";
import { importToolFile } from "../registry/import-tool-file.js";
import type { CasesFile, Check, PredicateFunction } from "./eval-case.js";
import { parseCasesFile } from "./parse-cases-file.js";
import type { CheckDraft } from "./parse-check.js";

/** Options of {@link loadCasesFile}. */
export interface LoadCasesFileOptions {
  /** Relative paths start here. */
  cwd: string;
}

/**
 * Reads, parses and loads a cases file. Contract: throws a ConfigError naming the file (and
 * the position) when it cannot be read, is malformed, or names a predicate that does not load.
 */
export async function loadCasesFile(file: string, options: LoadCasesFileOptions): Promise<CasesFile> {
  const absolute = path.resolve(options.cwd, file);
  let text: string;
  try {
    text = await readFile(absolute, "utf8");
  } catch (error) {
    throw new ConfigError(`cannot read the cases file ${file}: ${errorMessage(error)}`);
  }
  const draft = parseCasesFile(text, file);
  const modules = new Map<string, Promise<Record<string, unknown>>>();
  const load = async (check: CheckDraft): Promise<Check> => {
    if (check.type !== "predicate") return check;
    const [reference, exportName] = splitReference(check.reference);
    const modulePath = path.resolve(path.dirname(absolute), reference);
    let exports = modules.get(modulePath);
    if (!exports) {
      exports = importToolFile(modulePath);
      modules.set(modulePath, exports);
    }
    const predicate = loadPredicate(
      await importedAt(exports, check.where),
      exportName,
      reference,
      check.where,
    );
    return { type: "predicate", reference: check.reference, predicate };
  };
  const cases = [];
  for (const draftCase of draft.cases) {
    const checks: Check[] = [];
    for (const check of draftCase.checks) checks.push(await load(check));
    cases.push({ ...draftCase, checks });
  }
  return { file, ...(draft.target !== undefined ? { target: draft.target } : {}), cases };
}

function splitReference(reference: string): [file: string, exportName: string] {
  const index = reference.lastIndexOf("#");
  return [reference.slice(0, index), reference.slice(index + 1)];
}

/** The module's exports; a failure to load it is reported at the check that names it. */
async function importedAt(
  exports: Promise<Record<string, unknown>>,
  where: string,
): Promise<Record<string, unknown>> {
  try {
    return await exports;
  } catch (error) {
    throw new ConfigError(`${where}: ${errorMessage(error)}`);
  }
}

function loadPredicate(
  exports: Record<string, unknown>,
  exportName: string,
  file: string,
  where: string,
): PredicateFunction {
  const value = exports[exportName];
  if (typeof value === "function") return value as PredicateFunction;
  const functions = Object.keys(exports).filter((name) => typeof exports[name] === "function");
  const what = value === undefined ? "has no export" : "does not export a function named";
  throw new ConfigError(
    `${where}: ${file} ${what} '${exportName}' (functions it exports: ${functions.join(", ") || "none"})`,
  );
}
