import { describe, expect, it } from "vitest";
import { parsePastedCode } from "./parse-pasted-code.js";

describe("parsePastedCode", () => {
  it("splits at the first # and ignores surrounding whitespace", () => {
    expect(parsePastedCode("  authcode#state#more \n", "state#more")).toEqual({
      code: "authcode",
      state: "state#more",
    });
  });

  it("treats text without # as a code with an empty state, which is refused", () => {
    expect(() => parsePastedCode("authcode", "verifier")).toThrow(
      "the pasted code has no state: paste the whole code#state shown by the callback page",
    );
  });

  it("refuses a state from another login", () => {
    expect(() => parsePastedCode("authcode#other", "verifier")).toThrow(
      "the pasted state does not match this login: paste the code#state shown for the URL printed above",
    );
  });

  it("refuses an empty code", () => {
    expect(() => parsePastedCode("  ", "verifier")).toThrow(
      "no authorization code was pasted (expected code#state)",
    );
    expect(() => parsePastedCode("#verifier", "verifier")).toThrow(
      "no authorization code was pasted (expected code#state)",
    );
  });

  it("throws configuration errors", () => {
    expect(() => parsePastedCode("a#b", "c")).toThrow(expect.objectContaining({ name: "ConfigError" }));
  });
});
