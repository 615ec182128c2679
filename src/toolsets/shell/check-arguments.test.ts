import { describe, expect, it } from "vitest";
import { type ArgumentAllowance, checkArguments } from "./check-arguments.js";
import { parseOptionSpecs } from "./option-spec.js";

function allowance(options: string[], extra: Partial<ArgumentAllowance> = {}): ArgumentAllowance {
  return {
    options: { type: "listed", specs: parseOptionSpecs(options) },
    operands: { type: "any" },
    endOfOptions: true,
    ...extra,
  };
}

function reason(words: string, allowed: ArgumentAllowance): string | undefined {
  const result = checkArguments(words === "" ? [] : words.split(" "), allowed);
  return result.type === "allowed" ? undefined : result.reason;
}

describe("checkArguments", () => {
  const grepLike = allowance([
    "-r",
    "-n",
    "-e PATTERN",
    "--include=GLOB",
    "--color[=WHEN]",
    "-NUM",
    "--lines N",
  ]);

  it("allows listed flags, clusters of them, and operands anywhere", () => {
    expect(reason("-r -n TODO src", grepLike)).toBeUndefined();
    expect(reason("-rn TODO src", grepLike)).toBeUndefined();
    expect(reason("TODO src -n", grepLike)).toBeUndefined();
    expect(reason("-3 TODO", grepLike)).toBeUndefined();
  });

  it("refuses an option it does not list, wherever it stands, naming it", () => {
    expect(reason("TODO src -o", grepLike)).toBe("option '-o'");
    expect(reason("-rno TODO", grepLike)).toBe("option '-o' (in '-rno')");
    expect(reason("--output=x", grepLike)).toBe("option '--output=x'");
  });

  it("does not match abbreviations of long options", () => {
    expect(reason("--inc=*.ts x", grepLike)).toBe("option '--inc=*.ts'");
    expect(reason("--colo x", grepLike)).toBe("option '--colo'");
  });

  it("takes the next word as a value only for options that take one", () => {
    // `-e --output` is the pattern `--output`, as grep reads it.
    expect(reason("-e --output src", grepLike)).toBeUndefined();
    expect(reason("-rne --output src", grepLike)).toBeUndefined();
    expect(reason("-eX --output", grepLike)).toBe("option '--output'");
    expect(reason("--lines --output", grepLike)).toBeUndefined();
    expect(reason("--lines=5 --output", grepLike)).toBe("option '--output'");
  });

  it("never takes the next word for an attached-only or optional value", () => {
    expect(reason("--include=*.ts x", grepLike)).toBeUndefined();
    expect(reason("--include --output", grepLike)).toBe(
      "'--include' without an attached value (write --include=VALUE)",
    );
    expect(reason("--color --output", grepLike)).toBe("option '--output'");
    expect(reason("--color=never x", grepLike)).toBeUndefined();
    const optionalShort = allowance(["-U[N]", "-p"]);
    expect(reason("-U3 -p", optionalShort)).toBeUndefined();
    expect(reason("-U --output", optionalShort)).toBe("option '--output'");
  });

  it("refuses a value on a flag", () => {
    expect(reason("--recursive=yes", allowance(["--recursive"]))).toBe(
      "a value for '--recursive' (in '--recursive=yes')",
    );
  });

  it("reads -NUM only when listed", () => {
    expect(reason("-5", allowance(["-n N"]))).toBe("option '-5'");
  });

  it("ends options at -- when the program does, and not otherwise", () => {
    expect(reason("-- -o --output=x", grepLike)).toBeUndefined();
    const findLike = allowance(["-name VALUE", "-print"], { endOfOptions: false });
    expect(reason("-- . -delete", findLike)).toBe("option '--'");
    expect(reason(". -name x -print", findLike)).toBeUndefined();
    expect(reason(". -name -delete -print", findLike)).toBeUndefined();
    expect(reason(". -print -delete", findLike)).toBe("option '-delete'");
    expect(reason(". -namex", findLike)).toBe("option '-namex'");
  });

  it("counts operands, options' values excluded, and names them when there are too many", () => {
    const one = allowance(["-f N"], { operands: { type: "at-most", count: 1 } });
    expect(reason("-f 1 a.txt", one)).toBeUndefined();
    expect(reason("a.txt /tmp/X", one)).toBe("more than 1 operand (got 'a.txt', '/tmp/X')");
    expect(reason("-- a.txt /tmp/X", one)).toBe("more than 1 operand (got 'a.txt', '/tmp/X')");
    expect(reason("-", one)).toBeUndefined();
    const none = allowance([], { operands: { type: "at-most", count: 0 } });
    expect(reason("x", none)).toBe("operands (got 'x')");
    const two = allowance([], { operands: { type: "at-most", count: 2 } });
    expect(reason("a b c", two)).toBe("more than 2 operands (got 'a', 'b', 'c')");
  });

  it("allows every option with options: any, still counting operands", () => {
    const any: ArgumentAllowance = {
      options: { type: "any" },
      operands: { type: "at-most", count: 1 },
      endOfOptions: true,
    };
    expect(reason("--whatever -xyz a", any)).toBeUndefined();
    expect(reason("a b", any)).toBe("more than 1 operand (got 'a', 'b')");
  });
});
