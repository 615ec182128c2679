import { afterEach, describe, expect, it } from "vitest";
import { type FakeOAuthServer, startFakeOAuthServer } from "../../test/support/fake-oauth-server.js";
import {
  ANTHROPIC_CLIENT_ID,
  buildAnthropicAuthorizationUrl,
  exchangeAnthropicCode,
  refreshAnthropicTokens,
} from "./anthropic-oauth.js";

const NOW = Date.UTC(2026, 0, 1);
const now = () => NOW;

let server: FakeOAuthServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("buildAnthropicAuthorizationUrl", () => {
  it("lists the parameters in the documented order, form-encoded", () => {
    const url = buildAnthropicAuthorizationUrl({ challenge: "CHAL", verifier: "VER" });
    expect(url).toBe(
      "https://claude.ai/oauth/authorize?code=true" +
        "&client_id=9d1c250a-e61b-44d9-88ed-5944d1962f5e" +
        "&response_type=code" +
        "&redirect_uri=https%3A%2F%2Fconsole.anthropic.com%2Foauth%2Fcode%2Fcallback" +
        "&scope=org%3Acreate_api_key+user%3Aprofile+user%3Ainference" +
        "&code_challenge=CHAL" +
        "&code_challenge_method=S256" +
        "&state=VER",
    );
  });

  it("decodes the client id and uses the verifier as the state", () => {
    const url = new URL(buildAnthropicAuthorizationUrl({ challenge: "c", verifier: "the-verifier" }));
    expect([...url.searchParams.keys()]).toEqual([
      "code",
      "client_id",
      "response_type",
      "redirect_uri",
      "scope",
      "code_challenge",
      "code_challenge_method",
      "state",
    ]);
    expect(url.searchParams.get("client_id")).toBe(ANTHROPIC_CLIENT_ID);
    expect(url.searchParams.get("scope")).toBe("org:create_api_key user:profile user:inference");
    expect(url.searchParams.get("state")).toBe("the-verifier");
  });

  it("uses an overridden endpoint, keeping its own query", () => {
    expect(
      buildAnthropicAuthorizationUrl({ challenge: "c", verifier: "v", authorizeUrl: "http://127.0.0.1:1/a" }),
    ).toMatch(/^http:\/\/127\.0\.0\.1:1\/a\?code=true&/);
    expect(
      buildAnthropicAuthorizationUrl({ challenge: "c", verifier: "v", authorizeUrl: "http://h/a?x=1" }),
    ).toMatch(/^http:\/\/h\/a\?x=1&code=true&/);
  });
});

describe("exchangeAnthropicCode", () => {
  it("posts the code, state and verifier as JSON and computes the expiry in milliseconds", async () => {
    server = await startFakeOAuthServer();
    const credentials = await exchangeAnthropicCode({
      code: "the-code",
      state: "the-state",
      verifier: "the-verifier",
      fetch,
      now,
      tokenUrl: server.tokenUrl,
    });
    expect(credentials).toEqual({
      type: "oauth",
      access: "access-1",
      refresh: "refresh-1",
      expires: NOW + 3_600_000,
    });
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request?.method).toBe("POST");
    expect(request?.headers["content-type"]).toBe("application/json");
    expect(request?.body).toEqual({
      grant_type: "authorization_code",
      client_id: "9d1c250a-e61b-44d9-88ed-5944d1962f5e",
      code: "the-code",
      state: "the-state",
      redirect_uri: "https://console.anthropic.com/oauth/code/callback",
      code_verifier: "the-verifier",
    });
  });

  it("reports a refused exchange with the status and body", async () => {
    server = await startFakeOAuthServer({ respond: () => ({ status: 400, body: "invalid_grant\n" }) });
    await expect(
      exchangeAnthropicCode({ code: "c", state: "s", verifier: "v", fetch, now, tokenUrl: server.tokenUrl }),
    ).rejects.toMatchObject({
      name: "ConfigError",
      message: "Anthropic OAuth token exchange failed (400: invalid_grant)",
    });
  });

  it("reports an answer without a refresh token", async () => {
    server = await startFakeOAuthServer({
      respond: () => ({ status: 200, body: { access_token: "a", expires_in: 60 } }),
    });
    await expect(
      exchangeAnthropicCode({ code: "c", state: "s", verifier: "v", fetch, now, tokenUrl: server.tokenUrl }),
    ).rejects.toMatchObject({
      name: "ModelCallError",
      message: "Anthropic OAuth token exchange failed: the response has no refresh_token",
    });
  });

  it("reports a network failure as a model call error", async () => {
    const failingFetch: typeof fetch = async () => {
      throw new TypeError("fetch failed");
    };
    await expect(
      exchangeAnthropicCode({ code: "c", state: "s", verifier: "v", fetch: failingFetch, now }),
    ).rejects.toMatchObject({
      name: "ModelCallError",
      message: "Anthropic OAuth token exchange failed: fetch failed",
    });
  });
});

describe("refreshAnthropicTokens", () => {
  it("posts the refresh token and returns the new tokens", async () => {
    server = await startFakeOAuthServer();
    const credentials = await refreshAnthropicTokens({
      refreshToken: "old",
      fetch,
      now,
      tokenUrl: server.tokenUrl,
    });
    expect(credentials).toEqual({
      type: "oauth",
      access: "access-2",
      refresh: "refresh-2",
      expires: NOW + 3_600_000,
    });
    expect(server.requests.map((request) => request.body)).toEqual([
      { grant_type: "refresh_token", client_id: ANTHROPIC_CLIENT_ID, refresh_token: "old" },
    ]);
  });

  it("keeps the old refresh token when the answer has no new one", async () => {
    server = await startFakeOAuthServer({
      respond: () => ({ status: 200, body: { access_token: "a", expires_in: 60 } }),
    });
    const credentials = await refreshAnthropicTokens({
      refreshToken: "old",
      fetch,
      now,
      tokenUrl: server.tokenUrl,
    });
    expect(credentials).toEqual({ type: "oauth", access: "a", refresh: "old", expires: NOW + 60_000 });
  });

  it("tells the user to log in again when the refresh is refused", async () => {
    server = await startFakeOAuthServer({
      respond: () => ({ status: 401, body: { error: "invalid_grant" } }),
    });
    await expect(
      refreshAnthropicTokens({ refreshToken: "old", fetch, now, tokenUrl: server.tokenUrl }),
    ).rejects.toMatchObject({
      name: "ConfigError",
      message:
        'Anthropic OAuth token refresh failed (401: {"error":"invalid_grant"}): run \'llm-do-oauth login\' again',
    });
  });

  it("shortens a long error body", async () => {
    server = await startFakeOAuthServer({ respond: () => ({ status: 500, body: "x".repeat(600) }) });
    await expect(
      refreshAnthropicTokens({ refreshToken: "old", fetch, now, tokenUrl: server.tokenUrl }),
    ).rejects.toThrow(
      `Anthropic OAuth token refresh failed (500: ${"x".repeat(500)}…): run 'llm-do-oauth login' again`,
    );
  });

  it("rejects a success answer that is not a token object", async () => {
    server = await startFakeOAuthServer({ respond: () => ({ status: 200, body: "[1]" }) });
    await expect(
      refreshAnthropicTokens({ refreshToken: "old", fetch, now, tokenUrl: server.tokenUrl }),
    ).rejects.toThrow("Anthropic OAuth token refresh failed: the response is not a JSON object");
  });

  it("rejects a success answer without an access token", async () => {
    server = await startFakeOAuthServer({ respond: () => ({ status: 200, body: { expires_in: 1 } }) });
    await expect(
      refreshAnthropicTokens({ refreshToken: "old", fetch, now, tokenUrl: server.tokenUrl }),
    ).rejects.toThrow("Anthropic OAuth token refresh failed: the response has no valid access_token");
  });
});
