import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveTokenStorePath } from "./resolve-token-store-path.js";

describe("resolveTokenStorePath", () => {
  it("prefers LLM_DO_OAUTH_FILE", () => {
    expect(resolveTokenStorePath({ LLM_DO_OAUTH_FILE: "/x/creds.json", HOME: "/home/me" })).toBe(
      "/x/creds.json",
    );
  });

  it("defaults to ~/.llm-do/oauth.json", () => {
    expect(resolveTokenStorePath({ HOME: "/home/me" })).toBe(join("/home/me", ".llm-do", "oauth.json"));
    expect(resolveTokenStorePath({ USERPROFILE: "/users/me" })).toBe(
      join("/users/me", ".llm-do", "oauth.json"),
    );
  });

  it("needs a home directory or the override", () => {
    expect(() => resolveTokenStorePath({})).toThrow(
      "cannot find the OAuth credentials file: set HOME or LLM_DO_OAUTH_FILE",
    );
  });
});
