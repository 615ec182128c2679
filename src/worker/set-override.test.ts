import { describe, expect, it } from "vitest";
import { ConfigError } from "../errors.js";
import { applySetOverrides, parseSetOverride } from "./set-override.js";

function messageOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error("expected a ConfigError");
}

describe("parseSetOverride", () => {
  it("parses a plain string value", () => {
    expect(parseSetOverride("model=openai:gpt-4o")).toEqual({
      key: "model",
      path: ["model"],
      value: "openai:gpt-4o",
      spec: "model=openai:gpt-4o",
    });
  });

  it("splits nested keys at dots and infers integers", () => {
    expect(parseSetOverride("budget.max_calls=10")).toMatchObject({
      path: ["budget", "max_calls"],
      value: 10,
    });
  });

  it.each(["true", "True", "TRUE", "yes", "on", "YES"])("reads %s as true", (text) => {
    expect(parseSetOverride(`flag=${text}`).value).toBe(true);
  });

  it.each(["false", "False", "FALSE", "no", "off", "Off"])("reads %s as false", (text) => {
    expect(parseSetOverride(`flag=${text}`).value).toBe(false);
  });

  it("infers numbers, null and JSON strings", () => {
    expect(parseSetOverride("a=42").value).toBe(42);
    expect(parseSetOverride("a=3.14").value).toBe(3.14);
    expect(parseSetOverride("a=-1e3").value).toBe(-1000);
    expect(parseSetOverride("a=null").value).toBeNull();
    expect(parseSetOverride('a="quoted"').value).toBe("quoted");
  });

  it("infers JSON lists and mappings", () => {
    expect(parseSetOverride('toolsets.shell.rules=[{"pattern":"ls"}]').value).toEqual([{ pattern: "ls" }]);
    expect(parseSetOverride('a={"b": {"c": 1}}').value).toEqual({ b: { c: 1 } });
  });

  it("keeps everything else as the raw string", () => {
    expect(parseSetOverride("a=hello world").value).toBe("hello world");
    expect(parseSetOverride("a=[not json").value).toBe("[not json");
    expect(parseSetOverride("a=1.2.3").value).toBe("1.2.3");
  });

  it("reads an empty value as an empty string", () => {
    expect(parseSetOverride("description=").value).toBe("");
  });

  it("splits at the first '=' and keeps the rest of the value whole", () => {
    expect(parseSetOverride("url=https://x.example/?a=b&c=d")).toMatchObject({
      key: "url",
      value: "https://x.example/?a=b&c=d",
    });
  });

  it("trims the key and the value", () => {
    expect(parseSetOverride("  model =  openai:gpt-4o  ")).toMatchObject({
      key: "model",
      value: "openai:gpt-4o",
    });
  });

  it("rejects a spec without '='", () => {
    expect(messageOf(() => parseSetOverride("model"))).toBe(
      "Invalid --set format: 'model'. Expected KEY=VALUE (e.g., --set model=openai:gpt-4o)",
    );
  });

  it("rejects an empty key", () => {
    expect(messageOf(() => parseSetOverride(" =value"))).toBe("Empty key in --set: ' =value'");
  });

  it("reads bracketed quoted keys, with escapes", () => {
    expect(
      parseSetOverride('toolsets["llm_do.toolsets.shell.ShellToolset"].default.approval_required=false'),
    ).toMatchObject({
      path: ["toolsets", "llm_do.toolsets.shell.ShellToolset", "default", "approval_required"],
      value: false,
    });
    expect(parseSetOverride("toolsets['a.b']['c']=1").path).toEqual(["toolsets", "a.b", "c"]);
    expect(parseSetOverride('a["say \\"hi\\"\\\\"]=1').path).toEqual(["a", 'say "hi"\\']);
    expect(parseSetOverride('["top"]=1').path).toEqual(["top"]);
  });

  it.each([
    ["a[b]=1", "Invalid bracket syntax in key path 'a[b]': expected quoted key"],
    ['a["b"=1', "Invalid bracket syntax in key path 'a[\"b\"': missing ']'"],
    ['a["b]=1', "Unterminated quoted key in key path 'a[\"b]'"],
    ['a["b\\=1', "Invalid escape in bracketed key path 'a[\"b\\'"],
    ['a["b"]c=1', "Invalid bracket syntax in key path 'a[\"b\"]c': expected '.' or '[' after ']'"],
    ["a..b=1", "Empty segment in key path 'a..b'"],
    ["a.=1", "Empty segment in key path 'a.'"],
    [".a=1", "Empty segment in key path '.a'"],
  ])("rejects the key path in %s", (spec, message) => {
    expect(messageOf(() => parseSetOverride(spec))).toBe(`Invalid --set override '${spec}': ${message}`);
  });
});

describe("applySetOverrides", () => {
  const apply = (target: Record<string, unknown>, ...specs: string[]) =>
    applySetOverrides(target, specs.map(parseSetOverride));

  it("updates nested values and preserves siblings", () => {
    const target = { name: "a", toolsets: { shell: { default: { approval_required: true }, rules: [] } } };
    expect(apply(target, "toolsets.shell.default.approval_required=false")).toEqual({
      name: "a",
      toolsets: { shell: { default: { approval_required: false }, rules: [] } },
    });
  });

  it("creates missing and null intermediate mappings, however deep", () => {
    expect(apply({ toolsets: { shell: null } }, "toolsets.shell.default.approval_required=false")).toEqual({
      toolsets: { shell: { default: { approval_required: false } } },
    });
    expect(apply({}, "a.b.c.d.e=1")).toEqual({ a: { b: { c: { d: { e: 1 } } } } });
  });

  it("sets bracketed class-path keys", () => {
    expect(
      apply(
        { toolsets: {} },
        'toolsets["llm_do.toolsets.shell.ShellToolset"].default.approval_required=false',
      ),
    ).toEqual({
      toolsets: { "llm_do.toolsets.shell.ShellToolset": { default: { approval_required: false } } },
    });
  });

  it("applies overrides in order, the last one winning", () => {
    expect(apply({ model: "a:b" }, "model=c:d", "model=e:f")).toEqual({ model: "e:f" });
  });

  it("replaces whole values, including lists and mappings", () => {
    expect(apply({ toolsets: { shell: { rules: [1] } } }, "toolsets=[]")).toEqual({ toolsets: [] });
  });

  it("refuses to navigate through a value that is not a mapping", () => {
    expect(messageOf(() => apply({ model: "openai:gpt-4o" }, "model.name=x"))).toBe(
      "Invalid --set override 'model.name=x': Cannot navigate through non-mapping field 'model' in path 'model.name' (it is a string)",
    );
    expect(messageOf(() => apply({ toolsets: { shell: { rules: [] } } }, "toolsets.shell.rules.0=x"))).toBe(
      "Invalid --set override 'toolsets.shell.rules.0=x': Cannot navigate through non-mapping field 'rules' in path 'toolsets.shell.rules.0' (it is a list)",
    );
    expect(messageOf(() => apply({ budget: 5 }, "budget.max_calls=1"))).toBe(
      "Invalid --set override 'budget.max_calls=1': Cannot navigate through non-mapping field 'budget' in path 'budget.max_calls' (it is a number)",
    );
  });

  it("never modifies the input", () => {
    const target = { toolsets: { shell: { default: { approval_required: true } } }, list: [{ a: 1 }] };
    const before = structuredClone(target);
    const result = apply(target, "toolsets.shell.default.approval_required=false", "toolsets.fs.x=1");
    expect(target).toEqual(before);
    expect(result.list).not.toBe(target.list);
    expect(result.list).toEqual(target.list);
  });

  it("keeps '__proto__' as a plain key", () => {
    const result = apply({}, "__proto__.polluted=true");
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(Object.keys(result)).toEqual(["__proto__"]);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });
});
