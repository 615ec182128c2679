import { describe, expect, it } from "vitest";
import { escapeUnprintable, quote } from "./quote.js";

describe("quote", () => {
  it.each([
    ["main", "'main'"],
    ["ma\u0000in", "'ma\\u0000in'"],
    ["a\nb\tc\rd", "'a\\nb\\tc\\rd'"],
    ["\u001b[31mred", "'\\u001b[31mred'"],
    ["abc\u202edcba", "'abc\\u202edcba'"],
    ["caf\u00e9 \u6f22\u5b57", "'caf\u00e9 \u6f22\u5b57'"],
  ])("%j -> %s", (name, expected) => {
    expect(quote(name)).toBe(expected);
  });

  it("leaves printable text alone and escapes DEL and C1 controls", () => {
    expect(escapeUnprintable("a b-c_d")).toBe("a b-c_d");
    expect(escapeUnprintable("\u007f\u0085")).toBe("\\u007f\\u0085");
  });
});
