import { describe, expect, test } from "vitest";
import { toJsonLine } from "./to-json-line.js";
import { toJsonSafe } from "./to-json-safe.js";

describe("toJsonSafe", () => {
  test("plain JSON values are unchanged", () => {
    const value = { a: 1, b: "two", c: [true, null, { d: 4.5 }] };
    expect(toJsonSafe(value)).toEqual(value);
  });

  test("values JSON cannot hold become strings; undefined is left out of objects, null in arrays", () => {
    const symbol = Symbol("s");
    expect(
      toJsonSafe({
        big: 10n,
        nan: Number.NaN,
        infinite: Number.NEGATIVE_INFINITY,
        named: function helper() {},
        arrow: () => 1,
        symbol,
        missing: undefined,
        list: [undefined, 1],
      }),
    ).toEqual({
      big: "10",
      nan: "NaN",
      infinite: "-Infinity",
      named: "[Function helper]",
      arrow: "[Function arrow]",
      symbol: "Symbol(s)",
      list: [null, 1],
    });
  });

  test("circular references become [Circular]; a shared (non-circular) object is kept twice", () => {
    const shared = { x: 1 };
    const value: Record<string, unknown> = { first: shared, second: shared };
    value.self = value;
    value.list = [value];
    expect(toJsonSafe(value)).toEqual({
      first: { x: 1 },
      second: { x: 1 },
      self: "[Circular]",
      list: ["[Circular]"],
    });
  });

  test("dates, errors, maps, sets, class instances and binary data", () => {
    class Point {
      constructor(
        readonly x: number,
        readonly y: number,
      ) {}
      norm() {
        return Math.hypot(this.x, this.y);
      }
    }
    const error = Object.assign(new Error("bad"), { code: "E_BAD" });
    expect(
      toJsonSafe({
        date: new Date(0),
        error,
        map: new Map([["k", 1]]),
        numberMap: new Map([[1, "one"]]),
        set: new Set(["a"]),
        point: new Point(3, 4),
        bytes: new Uint8Array(3),
      }),
    ).toEqual({
      date: "1970-01-01T00:00:00.000Z",
      error: { name: "Error", message: "bad", code: "E_BAD" },
      map: { k: 1 },
      numberMap: [[1, "one"]],
      set: ["a"],
      point: { x: 3, y: 4 },
      bytes: "[Uint8Array: 3 bytes]",
    });
  });

  test("a throwing getter or toJSON becomes a description instead of an exception", () => {
    const value = {
      toJSON() {
        throw new Error("nope");
      },
    };
    expect(toJsonSafe({ value })).toEqual({ value: "[Unserializable: nope]" });
  });
});

describe("toJsonLine", () => {
  test("one line ending in LF; line breaks inside strings are escaped", () => {
    const line = toJsonLine({ type: "text-delta", text: "a\nb\r\nc\u2028" });
    expect(line.endsWith("\n")).toBe(true);
    expect(line.slice(0, -1)).not.toMatch(/[\n\r]/);
    expect(JSON.parse(line)).toEqual({ type: "text-delta", text: "a\nb\r\nc\u2028" });
  });
});
