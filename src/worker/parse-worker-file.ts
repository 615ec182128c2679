/**
 * @module Reads and validates `.worker` files: YAML front matter between `---` lines, then the
 * instructions. Every error names the file, line and column.
 */
import path from "node:path";
import { type Document, LineCounter, parseDocument } from "yaml";
import { ConfigError, errorMessage, WorkerFileError } from "../errors.js";
import { errorCode } from "../util/error-code.js";
import { escapeUnprintable, quote } from "../util/quote.js";
import { type RegularFileRead, readRegularFile } from "../util/read-regular-file.js";
import { buildWorkerDefinition } from "./build-worker-definition.js";
import { checkInlineSchemas } from "./check-inline-schemas.js";
import { createFieldErrorReporter, type FieldErrorReporter } from "./field-error-reporter.js";
import { findStructureProblem, MAX_NESTING, type StructureProblem } from "./find-structure-problem.js";
import { applySetOverrides, type SetOverride } from "./set-override.js";
import { createSourceMap, type SourceMap } from "./source-map.js";
import { splitFrontMatter } from "./split-front-matter.js";
import type { WorkerDefinition } from "./worker-definition.js";
import { WorkerFrontMatter } from "./worker-schema.js";

/** Options of {@link parseWorkerFile} and {@link readWorkerFile}. */
export interface ParseWorkerFileOptions {
  /** `--set` overrides, applied in order to the raw front matter before validation. */
  overrides?: readonly SetOverride[];
}

/**
 * Parses and validates the text of a worker file. Pure: reads nothing from disk.
 *
 * @param file - The path used in messages, as given; `WorkerDefinition.file` is its absolute form,
 *   and `schema_in`/`schema_out` references are resolved against its directory.
 *
 * Contract: throws `WorkerFileError` (`file:line:col: detail`) for the first problem in file order;
 * throws `ConfigError` when an override cannot be applied.
 */
export function parseWorkerFile(
  text: string,
  file: string,
  options: ParseWorkerFileOptions = {},
): WorkerDefinition {
  const overrides = options.overrides ?? [];
  const parts = splitFrontMatter(text, file);
  const { document, sourceMap } = parseFrontMatter(parts.frontMatter, parts.firstLine, file);
  const reporter = createFieldErrorReporter({ file, sourceMap, overrides });
  const raw = applySetOverrides(toMapping(document, sourceMap, file), overrides);
  const result = WorkerFrontMatter.safeParse(raw);
  if (!result.success) throw reporter.first(result.error.issues, raw);
  checkModelChoice(result.data, reporter);
  checkInlineSchemas(result.data, reporter);
  return buildWorkerDefinition(result.data, {
    instructions: parts.body,
    file: path.resolve(file),
    locate: sourceMap.locate,
  });
}

/**
 * Reads a worker file from disk and parses it with {@link parseWorkerFile}.
 *
 * Contract: a missing file is a `ConfigError` (`Worker file not found: <path>`); so is a path
 * that is not a regular file (a directory, a FIFO, a device: never read) and any other read
 * failure.
 */
export async function readWorkerFile(
  file: string,
  options: ParseWorkerFileOptions = {},
): Promise<WorkerDefinition> {
  const shown = escapeUnprintable(file);
  let read: RegularFileRead;
  try {
    read = await readRegularFile(file);
  } catch (error) {
    if (errorCode(error) === "ENOENT")
      throw new ConfigError(`Worker file not found: ${shown}`, { cause: error });
    throw new ConfigError(`Cannot read worker file ${shown}: ${errorMessage(error)}`, { cause: error });
  }
  if (read.type === "not-regular") {
    throw new ConfigError(`${shown}: is ${read.kind}, not a regular file`);
  }
  return parseWorkerFile(read.text, file, options);
}

const TOO_DEEP = `front matter is nested too deeply (llm-do reads at most ${MAX_NESTING} levels)`;

const STRUCTURE_PROBLEMS: Readonly<Record<StructureProblem["type"], string>> = {
  "too-deep": TOO_DEEP,
  cycle: "this alias refers to a mapping or list that contains it: the value would never end",
  "collection-key": "a key must be a name, not a list or a mapping",
};

function isStackOverflow(message: string): boolean {
  return message.includes("Maximum call stack size exceeded");
}

function parseFrontMatter(
  text: string,
  firstLine: number,
  file: string,
): { document: Document.Parsed; sourceMap: SourceMap } {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const sourceMap = createSourceMap({ document, lineCounter, firstLine });
  const [error] = document.errors;
  if (error) {
    const { line, column } = sourceMap.position(error.pos[0]);
    const detail = isStackOverflow(error.message)
      ? TOO_DEEP
      : (error.message.split("\n")[0] ?? "invalid YAML");
    throw new WorkerFileError(file, line, column, detail);
  }
  const problem = findStructureProblem(document);
  if (problem) {
    const { line, column } = sourceMap.position(problem.offset);
    throw new WorkerFileError(file, line, column, STRUCTURE_PROBLEMS[problem.type]);
  }
  const unknownTag = document.warnings.find((warning) => warning.code === "TAG_RESOLVE_FAILED");
  if (unknownTag) {
    const { line, column } = sourceMap.position(unknownTag.pos[0]);
    const tag = (unknownTag.message.split("\n")[0] ?? "").replace(/^Unresolved tag: /, "");
    throw new WorkerFileError(file, line, column, `unknown YAML tag ${quote(tag)}: use plain YAML values`);
  }
  return { document, sourceMap };
}

function toMapping(document: Document.Parsed, sourceMap: SourceMap, file: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = document.toJS();
  } catch (error) {
    const { line, column } = sourceMap.start;
    const reason = error instanceof Error ? error.message : String(error);
    throw new WorkerFileError(
      file,
      line,
      column,
      isStackOverflow(reason) ? TOO_DEEP : `invalid YAML: ${reason}`,
    );
  }
  if (value === null || value === undefined) return {};
  if (typeof value !== "object" || Array.isArray(value)) {
    const position = document.contents?.range
      ? sourceMap.position(document.contents.range[0])
      : sourceMap.start;
    throw new WorkerFileError(file, position.line, position.column, "expected a YAML mapping of fields");
  }
  return value as Record<string, unknown>;
}

function checkModelChoice(frontMatter: WorkerFrontMatter, reporter: FieldErrorReporter): void {
  const hasModel = frontMatter.model !== undefined && frontMatter.model !== null;
  const hasPatterns = frontMatter.compatible_models !== undefined && frontMatter.compatible_models !== null;
  if (hasModel && hasPatterns) {
    throw reporter.at(
      ["compatible_models"],
      "a worker may not set both 'model' and 'compatible_models': use 'model' for a fixed model, or 'compatible_models' to accept the caller's model",
      [["compatible_models"], ["model"]],
    );
  }
}
