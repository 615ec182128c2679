import { describe, expect, it } from "vitest";
import { suggest } from "./suggest.js";

const fields = ["name", "description", "model", "compatible_models", "toolsets", "schema_in", "schema_out"];

describe("suggest", () => {
  it("suggests a candidate within two edits", () => {
    expect(suggest("modle", fields)).toBe("model");
    expect(suggest("toolset", fields)).toBe("toolsets");
    expect(suggest("descripton", fields)).toBe("description");
  });

  it("ignores case", () => {
    expect(suggest("Model", fields)).toBe("model");
    expect(suggest("NAME", fields)).toBe("name");
  });

  it("suggests by prefix when the shorter word has at least three characters", () => {
    expect(suggest("compat", fields)).toBe("compatible_models");
    expect(suggest("toolsets_extra", fields)).toBe("toolsets");
    expect(suggest("co", fields)).toBeUndefined();
  });

  it("allows only one edit for short words", () => {
    expect(suggest("nam", fields)).toBe("name");
    expect(suggest("foo", ["top"])).toBeUndefined();
    expect(suggest("fo", ["foo"])).toBe("foo");
  });

  it("prefers the smallest distance, then the earlier candidate", () => {
    expect(suggest("schema_ou", fields)).toBe("schema_out");
    expect(suggest("schema", fields)).toBe("schema_in");
    expect(suggest("abcd", ["abxy", "abcx"])).toBe("abcx");
    expect(suggest("abcd", ["abcx", "abcy"])).toBe("abcx");
  });

  it("returns undefined when nothing is close", () => {
    expect(suggest("foo", fields)).toBeUndefined();
    expect(suggest("anything", [])).toBeUndefined();
  });

  it("never suggests the word itself", () => {
    expect(suggest("model", ["model"])).toBeUndefined();
    expect(suggest("model", ["model", "models"])).toBe("models");
  });
});
