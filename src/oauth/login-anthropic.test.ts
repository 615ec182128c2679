import { afterEach, describe, expect, it } from "vitest";
import { type FakeOAuthServer, startFakeOAuthServer } from "../../test/support/fake-oauth-server.js";
import { loginAnthropic } from "./login-anthropic.js";

const NOW = Date.UTC(2026, 0, 1);

let server: FakeOAuthServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("loginAnthropic", () => {
  it("sends the verifier that was the URL's state, and returns the tokens", async () => {
    const fake = await startFakeOAuthServer({ code: "authcode" });
    server = fake;
    let shownUrl = "";
    const credentials = await loginAnthropic({
      fetch,
      now: () => NOW,
      authorizeUrl: fake.authorizeUrl,
      tokenUrl: fake.tokenUrl,
      onAuthUrl: (url) => {
        shownUrl = url;
      },
      readCode: async () => (await fetch(shownUrl)).text(),
    });
    expect(credentials).toEqual({
      type: "oauth",
      access: "access-1",
      refresh: "refresh-1",
      expires: NOW + 3_600_000,
    });
    const state = new URL(shownUrl).searchParams.get("state");
    const tokenRequest = fake.requests.find((request) => request.path === "/token");
    expect(tokenRequest?.body).toMatchObject({ code: "authcode", state, code_verifier: state });
  });

  it("makes no token request when the pasted state is wrong", async () => {
    const fake = await startFakeOAuthServer();
    server = fake;
    await expect(
      loginAnthropic({
        fetch,
        now: () => NOW,
        tokenUrl: fake.tokenUrl,
        onAuthUrl: () => {},
        readCode: async () => "authcode#not-the-verifier",
      }),
    ).rejects.toThrow("the pasted state does not match this login");
    expect(fake.requests).toEqual([]);
  });
});
