import { describe, expect, it } from "vitest";
import {
  ANTHROPIC_OAUTH_BETA,
  createAnthropicOAuthHeaders,
  mergeBetaFlags,
} from "./anthropic-oauth-headers.js";

describe("mergeBetaFlags", () => {
  it("appends new flags after the existing ones, without blanks or duplicates", () => {
    expect(mergeBetaFlags("a, b,,", "b", "c")).toBe("a,b,c");
    expect(mergeBetaFlags(undefined, ANTHROPIC_OAUTH_BETA)).toBe("oauth-2025-04-20");
    expect(mergeBetaFlags("", " ")).toBe("");
  });
});

describe("createAnthropicOAuthHeaders", () => {
  it("sends the token as a bearer token with the OAuth beta flag", () => {
    expect(createAnthropicOAuthHeaders("tok")).toEqual({
      Authorization: "Bearer tok",
      "anthropic-beta": "oauth-2025-04-20",
    });
  });

  it("merges existing betas and drops API-key headers, whatever their case", () => {
    expect(
      createAnthropicOAuthHeaders("tok", {
        "Anthropic-Beta": "fine-grained-tool-streaming-2025-05-14",
        "X-Api-Key": "sk-ant-api",
        authorization: "Bearer old",
        "x-trace": "1",
      }),
    ).toEqual({
      "x-trace": "1",
      Authorization: "Bearer tok",
      "anthropic-beta": "fine-grained-tool-streaming-2025-05-14,oauth-2025-04-20",
    });
  });
});
