import { describe, expect, it } from "vitest";
import { parseStoredCredentials } from "./oauth-credentials.js";

describe("parseStoredCredentials", () => {
  it("treats anything but an object as empty", () => {
    for (const value of [undefined, null, 3, "x", [{ type: "oauth" }]]) {
      expect({ ...parseStoredCredentials(value) }).toEqual({});
    }
  });

  it("keeps well-formed entries, with the optional fields", () => {
    const parsed = parseStoredCredentials({
      anthropic: { type: "oauth", refresh: "r", access: "a", expires: 5, email: "e@x", extra: 1 },
    });
    expect({ ...parsed }).toEqual({
      anthropic: { type: "oauth", refresh: "r", access: "a", expires: 5, email: "e@x" },
    });
  });

  it("skips non-object entries and defaults bad fields", () => {
    const parsed = parseStoredCredentials({
      broken: "text",
      list: [],
      anthropic: { refresh: 7, access: null, expires: "12.9", projectId: 3 },
      other: { refresh: "r", access: "a", expires: "soon" },
    });
    expect({ ...parsed }).toEqual({
      anthropic: { type: "oauth", refresh: "", access: "", expires: 12 },
      other: { type: "oauth", refresh: "r", access: "a", expires: 0 },
    });
  });

  it("does not let a provider named like an Object method reach the prototype", () => {
    const parsed = parseStoredCredentials(JSON.parse('{"__proto__": {"refresh": "r"}}'));
    expect(Object.getPrototypeOf(parsed)).toBeNull();
    expect(Object.hasOwn(parsed, "__proto__")).toBe(true);
    expect(Object.hasOwn(parsed, "toString")).toBe(false);
  });
});
