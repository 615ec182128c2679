import { describe, expect, test } from "vitest";
import { LONG_LINE, writeLine } from "./write-line.js";

function collector() {
  const writes: string[] = [];
  return { writes, output: { write: (text: string) => writes.push(text) } };
}

describe("writeLine", () => {
  test("a short line is one write, ending in a line feed", () => {
    const { writes, output } = collector();
    writeLine(output, '{"type":"text-delta"}');
    expect(writes).toEqual(['{"type":"text-delta"}\n']);
  });

  test("a long line is written as the same string, then the line feed", () => {
    const { writes, output } = collector();
    const long = "x".repeat(LONG_LINE);
    writeLine(output, long);
    expect(writes).toHaveLength(2);
    expect(writes[0]).toBe(long);
    expect(writes[1]).toBe("\n");
  });
});
