import { afterEach, describe, expect, it } from "vitest";
import { type FakeOAuthServer, startFakeOAuthServer } from "../../test/support/fake-oauth-server.js";
import { getOAuthAccessToken } from "./get-oauth-access-token.js";
import { OAUTH_REFRESH_MARGIN_MS } from "./is-oauth-token-expiring.js";
import { createMemoryTokenStore } from "./memory-token-store.js";
import type { OAuthCredentials } from "./oauth-credentials.js";

const NOW = Date.UTC(2026, 0, 1);
const now = () => NOW;
const stored = (expires: number): OAuthCredentials => ({
  type: "oauth",
  refresh: "refresh-0",
  access: "access-0",
  expires,
  email: "me@example.com",
});

let server: FakeOAuthServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(expires: number, respond?: Parameters<typeof startFakeOAuthServer>[0]) {
  const fake = await startFakeOAuthServer(respond);
  server = fake;
  const store = createMemoryTokenStore({ anthropic: stored(expires) });
  const get = () =>
    getOAuthAccessToken({ provider: "anthropic", store, fetch, now, tokenUrl: fake.tokenUrl });
  return { fake, store, get };
}

describe("getOAuthAccessToken", () => {
  it("returns undefined when nothing is stored", async () => {
    const store = createMemoryTokenStore();
    expect(await getOAuthAccessToken({ provider: "anthropic", store, fetch, now })).toBeUndefined();
  });

  it("returns a token that is valid for more than 5 minutes without refreshing", async () => {
    const { fake, get } = await setup(NOW + OAUTH_REFRESH_MARGIN_MS + 1);
    expect(await get()).toBe("access-0");
    expect(fake.requests).toEqual([]);
  });

  it("refreshes an expired token and saves the new credentials", async () => {
    const { fake, store, get } = await setup(NOW - 1);
    expect(await get()).toBe("access-2");
    expect(fake.requests.map((request) => request.body)).toMatchObject([
      { grant_type: "refresh_token", refresh_token: "refresh-0" },
    ]);
    expect(await store.get("anthropic")).toEqual({
      type: "oauth",
      refresh: "refresh-2",
      access: "access-2",
      expires: NOW + 3_600_000,
      email: "me@example.com",
    });
  });

  it("refreshes a token that expires within 5 minutes", async () => {
    const { fake, get } = await setup(NOW + OAUTH_REFRESH_MARGIN_MS);
    expect(await get()).toBe("access-2");
    expect(fake.requests).toHaveLength(1);
  });

  it("throws a configuration error and keeps the credentials when the refresh is refused", async () => {
    const { store, get } = await setup(NOW - 1, {
      respond: () => ({ status: 400, body: '{"error":"invalid_grant"}' }),
    });
    await expect(get()).rejects.toMatchObject({
      name: "ConfigError",
      message:
        'Anthropic OAuth token refresh failed (400: {"error":"invalid_grant"}): run \'llm-do-oauth login\' again',
    });
    expect(await store.get("anthropic")).toEqual(stored(NOW - 1));
  });

  it("does not send an empty refresh token", async () => {
    const store = createMemoryTokenStore({ anthropic: { ...stored(0), refresh: "" } });
    await expect(getOAuthAccessToken({ provider: "anthropic", store, fetch, now })).rejects.toThrow(
      "Anthropic OAuth credentials have no refresh token: run 'llm-do-oauth login' again",
    );
  });

  it("rejects an unknown provider", async () => {
    const store = createMemoryTokenStore();
    await expect(getOAuthAccessToken({ provider: "openai", store, fetch, now })).rejects.toMatchObject({
      name: "ConfigError",
      message: "Unknown OAuth provider: openai (available: anthropic)",
    });
  });
});
