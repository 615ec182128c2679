/**
 * @module Reads a project file (`llm-do.yaml`): the entry, its files, and defaults for a run,
 * so `llm-do "prompt"` inside the project needs no file list. Every error names the file, line
 * and column.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { LineCounter, parseDocument } from "yaml";
import type { RateLimitsConfig } from "../durable/provider-rate-limits.js";
import { ConfigError, errorMessage, WorkerFileError } from "../errors.js";
import { isProjectFile } from "../registry/load-project.js";
import { createFieldErrorReporter } from "../worker/field-error-reporter.js";
import { createSourceMap } from "../worker/source-map.js";
import { ProjectFileFields } from "./project-file-schema.js";

/** A project file, read and checked. */
export interface ProjectFile {
  /** The project file (absolute). */
  file: string;
  /** Its folder: every path in it is relative to this folder. */
  dir: string;
  /** The entry (default `main`). */
  entry: string;
  /** The `.worker` and tool files (absolute), in order. */
  files: string[];
  /** The model of workers that set none (below `--model` and front matter, above `LLM_DO_MODEL`). */
  model?: string;
  /** How calls that need approval are decided when no flag says. */
  approval: "ask" | "approve_all" | "reject_all";
  /** The depth limit when `--max-depth` is not given. */
  maxDepth?: number;
  /** The input when the command line gives none: a prompt, or an object. */
  input?: string | Record<string, unknown>;
  /** Where `create_worker` writes (absolute), when set. */
  createdWorkers?: string;
  /** Provider rate limits of durable runs, as written (see `provider-rate-limits.ts`). */
  rateLimits?: RateLimitsConfig;
}

/**
 * Parses the text of a project file. Its folder (of `file`, resolved against the process's
 * working directory) is where relative paths start; messages name it as `shownAs` (default: as
 * given).
 *
 * Contract: throws WorkerFileError (`file:line:col: detail`) for invalid YAML, unknown or invalid
 * fields, and files that do not exist or are not `.worker` or tool files.
 */
export function parseProjectFile(text: string, file: string, shownAs = file): ProjectFile {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const sourceMap = createSourceMap({ document, lineCounter, firstLine: 1 });
  const reporter = createFieldErrorReporter({ file: shownAs, sourceMap, overrides: [] });
  const [yamlError] = document.errors;
  if (yamlError) {
    const { line, column } = sourceMap.position(yamlError.pos[0]);
    throw new WorkerFileError(shownAs, line, column, yamlError.message.split("\n")[0] ?? "invalid YAML");
  }
  const raw: unknown = document.toJS() ?? {};
  if (typeof raw !== "object" || Array.isArray(raw)) {
    throw reporter.at([], "expected a YAML mapping of fields (entry, files, model, ...)");
  }
  const result = ProjectFileFields.safeParse(raw);
  if (!result.success) throw reporter.first(result.error.issues, raw);
  const fields = result.data;
  const dir = path.dirname(path.resolve(file));
  const files = fields.files.map((entry, index) => {
    const absolute = path.resolve(dir, entry);
    if (!isProjectFile(entry)) {
      throw reporter.at(["files", index], `'${entry}' is not a .worker or tool file (.ts, .mts, .js, .mjs)`);
    }
    if (!existsSync(absolute)) {
      throw reporter.at(
        ["files", index],
        `file not found: ${entry} (paths are relative to ${path.basename(file)})`,
      );
    }
    return absolute;
  });
  return {
    file: path.resolve(file),
    dir,
    entry: fields.entry ?? "main",
    files,
    ...(fields.model !== undefined ? { model: fields.model } : {}),
    approval: fields.approval ?? "ask",
    ...(fields.max_depth !== undefined ? { maxDepth: fields.max_depth } : {}),
    ...(fields.input !== undefined ? { input: fields.input } : {}),
    ...(fields.created_workers !== undefined
      ? { createdWorkers: path.resolve(dir, fields.created_workers) }
      : {}),
    ...(fields.rate_limits !== undefined ? { rateLimits: fields.rate_limits } : {}),
  };
}

/**
 * Reads and parses a project file. Contract: a file that cannot be read is a ConfigError; see
 * {@link parseProjectFile} for the rest.
 */
export function readProjectFile(file: string, shownAs = file): ProjectFile {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new ConfigError(`Cannot read project file ${shownAs}: ${errorMessage(error)}`, { cause: error });
  }
  return parseProjectFile(text, file, shownAs);
}
