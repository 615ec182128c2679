import { describe, expect, it } from "vitest";
import { parseOptionSpec } from "./option-spec.js";

function spec(text: string) {
  const result = parseOptionSpec(text);
  if (result.type === "error") throw new Error(result.message);
  return result.spec;
}

describe("parseOptionSpec", () => {
  it("reads one-letter options: flag, with a value, with an optional attached value", () => {
    expect(spec("-n")).toEqual({ type: "short", letter: "n", value: "none" });
    expect(spec("-n N")).toEqual({ type: "short", letter: "n", value: "next-or-attached" });
    expect(spec("-U[N]")).toEqual({ type: "short", letter: "U", value: "optional" });
    expect(spec("-1")).toEqual({ type: "short", letter: "1", value: "none" });
  });

  it("reads long options: flag, attached value, next-word value, optional value", () => {
    expect(spec("--stat")).toEqual({ type: "long", name: "stat", value: "none" });
    expect(spec("--format=FORMAT")).toEqual({ type: "long", name: "format", value: "attached" });
    expect(spec("--lines N")).toEqual({ type: "long", name: "lines", value: "next-or-attached" });
    expect(spec("--stat[=WIDTH]")).toEqual({ type: "long", name: "stat", value: "optional" });
  });

  it("reads whole words after one dash, and -NUM", () => {
    expect(spec("-name PATTERN")).toEqual({ type: "word", word: "-name", value: "next-or-attached" });
    expect(spec("-print0")).toEqual({ type: "word", word: "-print0", value: "none" });
    expect(spec("-NUM")).toEqual({ type: "number" });
  });

  it.each(["n", "", "-", "--", "---x", "-n  N", "--a b c", "-x[=V]", "--x[V]", "-n=N"])(
    "rejects %j, listing the forms",
    (text) => {
      const result = parseOptionSpec(text);
      expect(result.type).toBe("error");
      if (result.type === "error") expect(result.message).toContain("is not one of the forms -x, -x VALUE");
    },
  );
});
