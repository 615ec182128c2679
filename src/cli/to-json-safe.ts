/**
 * @module Any value as plain JSON data, so that every event can be written as one JSON line.
 */

/** A value `JSON.stringify` writes faithfully. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * Converts a value to plain JSON data. Plain objects and arrays keep their shape; `toJSON` is
 * honoured (dates); errors become `{ name, message, ... }`; maps become objects (or `[key,
 * value]` pairs when a key is not a string); sets become arrays; non-finite numbers, bigints,
 * symbols and functions become strings (also as properties); binary data becomes a short description; a reference
 * back to an enclosing object becomes `"[Circular]"`. `undefined` properties are left out and
 * `undefined` array items become `null`, as in `JSON.stringify`.
 *
 * Contract: never throws for data (a throwing `toJSON` or getter becomes a string describing it).
 */
export function toJsonSafe(value: unknown): JsonValue {
  return convert(value, []);
}

function convert(value: unknown, ancestors: object[]): JsonValue {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      return Number.isFinite(value) ? value : String(value);
    case "bigint":
      return value.toString();
    case "undefined":
      return null;
    case "symbol":
      return value.toString();
    case "function":
      return `[Function${value.name ? ` ${value.name}` : ""}]`;
  }
  if (value === null) return null;
  const object = value as object;
  if (ancestors.includes(object)) return "[Circular]";
  ancestors.push(object);
  try {
    return convertObject(object, ancestors);
  } catch (error) {
    return `[Unserializable: ${error instanceof Error ? error.message : String(error)}]`;
  } finally {
    ancestors.pop();
  }
}

function convertObject(object: object, ancestors: object[]): JsonValue {
  const toJSON = (object as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === "function") return convert(toJSON.call(object), ancestors);
  if (Array.isArray(object)) return object.map((item) => convert(item, ancestors));
  if (ArrayBuffer.isView(object) || object instanceof ArrayBuffer) {
    return `[${object.constructor.name}: ${object.byteLength} bytes]`;
  }
  if (object instanceof Map) return convertMap(object, ancestors);
  if (object instanceof Set) return [...object].map((item) => convert(item, ancestors));
  const result: Record<string, JsonValue> = {};
  if (object instanceof Error) {
    result.name = object.name;
    result.message = object.message;
  }
  for (const [key, item] of Object.entries(object)) {
    if (item !== undefined) result[key] = convert(item, ancestors);
  }
  return result;
}

function convertMap(map: Map<unknown, unknown>, ancestors: object[]): JsonValue {
  const entries = [...map.entries()];
  if (entries.every(([key]) => typeof key === "string")) {
    const result: Record<string, JsonValue> = {};
    for (const [key, item] of entries) result[key as string] = convert(item, ancestors);
    return result;
  }
  return entries.map(([key, item]) => [convert(key, ancestors), convert(item, ancestors)]);
}
