/**
 * @module `--set KEY=VALUE`: overrides applied to the entry worker's raw front matter before it
 * is validated.
 */
import { ConfigError } from "../errors.js";

/** One parsed `--set KEY=VALUE`. */
export interface SetOverride {
  /** The key as written (trimmed), e.g. `toolsets.shell.default.approval_required`. */
  key: string;
  /** The key split into segments, e.g. `["toolsets", "shell", "default", "approval_required"]`. */
  path: string[];
  /** The value, with its type inferred (JSON, booleans, or the raw string). */
  value: unknown;
  /** The whole flag value as given, for messages. */
  spec: string;
}

/**
 * Parses `KEY=VALUE`.
 *
 * The split is at the first `=`; key and value are trimmed. The value is inferred: empty -> `""`;
 * valid JSON -> that value; `true`/`yes`/`on` -> true and `false`/`no`/`off` -> false (any
 * case); anything else -> the raw string. The key is a dotted path whose segments may be
 * bracketed quoted keys (`toolsets["a.b"].x`, `['a.b']`, with `\` escaping the next character).
 *
 * Contract: throws `ConfigError` for a spec without `=`, an empty key, or a malformed key path.
 */
export function parseSetOverride(spec: string): SetOverride {
  const separator = spec.indexOf("=");
  if (separator === -1) {
    throw new ConfigError(
      `Invalid --set format: '${spec}'. Expected KEY=VALUE (e.g., --set model=openai:gpt-4o)`,
    );
  }
  const key = spec.slice(0, separator).trim();
  if (key === "") throw new ConfigError(`Empty key in --set: '${spec}'`);
  let path: string[];
  try {
    path = parseKeyPath(key);
  } catch (error) {
    throw wrap(spec, error);
  }
  return { key, path, value: inferValue(spec.slice(separator + 1).trim()), spec };
}

/**
 * Applies overrides in order (the last one wins) to a deep copy of `target`, creating missing or
 * null intermediate mappings.
 *
 * Contract: never mutates `target`. Throws `ConfigError`
 * (`Invalid --set override '<spec>': ...`) when a path runs through a value that is not a mapping.
 */
export function applySetOverrides(
  target: Record<string, unknown>,
  overrides: readonly SetOverride[],
): Record<string, unknown> {
  const result = cloneMapping(target);
  for (const override of overrides) {
    try {
      setAtPath(result, override);
    } catch (error) {
      throw wrap(override.spec, error);
    }
  }
  return result;
}

/** The key-path and navigation errors above are plain: every one reaches the user through this. */
function wrap(spec: string, error: unknown): ConfigError {
  const message = error instanceof Error ? error.message : String(error);
  return new ConfigError(`Invalid --set override '${spec}': ${message}`, { cause: error });
}

function inferValue(text: string): unknown {
  if (text === "") return "";
  try {
    return JSON.parse(text);
  } catch {
    // Not JSON: fall through to booleans and plain strings.
  }
  const lower = text.toLowerCase();
  if (lower === "true" || lower === "yes" || lower === "on") return true;
  if (lower === "false" || lower === "no" || lower === "off") return false;
  return text;
}

function setAtPath(root: Record<string, unknown>, override: SetOverride): void {
  let current = root;
  const parents = override.path.slice(0, -1);
  for (const segment of parents) {
    const next = Object.hasOwn(current, segment) ? current[segment] : undefined;
    if (next === undefined || next === null) {
      const created: Record<string, unknown> = {};
      defineValue(current, segment, created);
      current = created;
    } else if (isMapping(next)) {
      current = next;
    } else {
      throw new Error(
        `Cannot navigate through non-mapping field '${segment}' in path '${override.key}' (it is ${typeName(next)})`,
      );
    }
  }
  // Non-null: key paths are never empty (parseKeyPath rejects an empty one).
  defineValue(current, override.path.at(-1)!, override.value);
}

/** Sets an own property, so a key such as `__proto__` stays plain data. */
function defineValue(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function typeName(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return "a string";
  if (typeof value === "number") return "a number";
  if (typeof value === "boolean") return "a boolean";
  return `a ${typeof value}`;
}

function cloneValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cloneValue);
  if (isMapping(value)) return cloneMapping(value);
  return value;
}

function cloneMapping(source: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(source)) defineValue(copy, key, cloneValue(source[key]));
  return copy;
}

function parseKeyPath(key: string): string[] {
  const segments: string[] = [];
  let index = 0;
  while (index < key.length) {
    if (key[index] === "[") {
      const { segment, end } = readBracketed(key, index);
      segments.push(segment);
      index = end;
    } else {
      const end = findSegmentEnd(key, index);
      segments.push(checkSegment(key, key.slice(index, end).trim()));
      index = end;
    }
    index = skipSeparator(key, index);
  }
  return segments;
}

function findSegmentEnd(key: string, start: number): number {
  let end = start;
  while (end < key.length && key[end] !== "." && key[end] !== "[") end++;
  return end;
}

function checkSegment(key: string, segment: string): string {
  if (segment === "") throw new Error(`Empty segment in key path '${key}'`);
  return segment;
}

function skipSeparator(key: string, index: number): number {
  if (index >= key.length || key[index] === "[") return index;
  if (key[index] !== ".")
    throw new Error(`Invalid bracket syntax in key path '${key}': expected '.' or '[' after ']'`);
  if (index + 1 >= key.length) throw new Error(`Empty segment in key path '${key}'`);
  return index + 1;
}

function readBracketed(key: string, start: number): { segment: string; end: number } {
  const quote = key[start + 1];
  if (quote !== '"' && quote !== "'") {
    throw new Error(`Invalid bracket syntax in key path '${key}': expected quoted key`);
  }
  let segment = "";
  let index = start + 2;
  while (index < key.length && key[index] !== quote) {
    if (key[index] === "\\") {
      if (index + 1 >= key.length) throw new Error(`Invalid escape in bracketed key path '${key}'`);
      index++;
    }
    segment += key[index];
    index++;
  }
  if (index >= key.length) throw new Error(`Unterminated quoted key in key path '${key}'`);
  if (key[index + 1] !== "]") throw new Error(`Invalid bracket syntax in key path '${key}': missing ']'`);
  return { segment, end: index + 2 };
}
