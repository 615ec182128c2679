/**
 * A run that uses the stored Anthropic OAuth token, only when `LLM_DO_AUTH=oauth`: bearer token
 * plus the OAuth beta flag and no API key, refreshed first when it has expired.
 */
import { readFile } from "node:fs/promises";
import { describe, expect, test } from "vitest";
import { type TempProject, tempProject } from "../../src/testing/index.js";
import { startFakeOAuthServer } from "../support/fake-oauth-server.js";
import { loadChunks } from "../support/provider-fixtures.js";
import { eventsOf, replayRun } from "../support/provider-replay.js";

const hello = () => loadChunks("vercel-ai/anthropic-text.chunks.txt", { path: "/v1/messages" });

/** Writes a credentials file (as `llm-do-oauth login` does) and returns its path. */
function tokenFile(
  dir: TempProject,
  credentials: Record<string, unknown>,
  file = "oauth.json",
): Promise<string> {
  return dir.write(file, JSON.stringify({ anthropic: { type: "oauth", ...credentials } }));
}

const inAnHour = () => Date.now() + 3_600_000;

describe("LLM_DO_AUTH=oauth", () => {
  test("sends the stored token as a bearer token with the OAuth beta flag, and no API key", async () => {
    await using dir = await tempProject();
    const file = await tokenFile(dir, { access: "access-0", refresh: "refresh-0", expires: inAnHour() });
    const outcome = await replayRun({
      exchanges: hello(),
      model: "anthropic:claude-haiku-4-5",
      env: { ANTHROPIC_API_KEY: undefined, LLM_DO_AUTH: "oauth", LLM_DO_OAUTH_FILE: file },
    });
    expect(outcome.error).toBeUndefined();
    const headers = outcome.requests[0]?.headers ?? {};
    expect(headers.authorization).toBe("Bearer access-0");
    expect(String(headers["anthropic-beta"]).split(",")).toContain("oauth-2025-04-20");
    expect(headers["x-api-key"]).toBeUndefined();
    // No impersonation: the system prompt is the worker's own (marked for the prompt cache).
    expect(((outcome.requests[0]?.body ?? {}) as { system?: unknown }).system).toEqual([
      { type: "text", text: "Answer the user.", cache_control: { type: "ephemeral" } },
    ]);
  });

  test("an expired token is refreshed first, and the new one is stored and used", async () => {
    await using oauth = await startFakeOAuthServer();
    await using dir = await tempProject();
    const file = await tokenFile(dir, {
      access: "access-old",
      refresh: "refresh-0",
      expires: Date.now() - 1000,
    });
    const outcome = await replayRun({
      exchanges: hello(),
      model: "anthropic:claude-haiku-4-5",
      env: {
        ANTHROPIC_API_KEY: undefined,
        LLM_DO_AUTH: "oauth",
        LLM_DO_OAUTH_FILE: file,
        LLM_DO_OAUTH_TOKEN_URL: oauth.tokenUrl,
      },
    });
    expect(outcome.error).toBeUndefined();
    expect(oauth.requests.map((request) => request.body)).toEqual([
      expect.objectContaining({ grant_type: "refresh_token", refresh_token: "refresh-0" }),
    ]);
    expect(outcome.requests[0]?.headers.authorization).toBe("Bearer access-2");
    const stored = JSON.parse(await readFile(file, "utf8")) as {
      anthropic: { access: string; refresh: string };
    };
    expect(stored.anthropic).toMatchObject({ access: "access-2", refresh: "refresh-2" });
  });

  test("a refused refresh says to log in again, before any model request", async () => {
    await using oauth = await startFakeOAuthServer({
      respond: () => ({ status: 400, body: { error: "invalid_grant" } }),
    });
    await using dir = await tempProject();
    const file = await tokenFile(dir, {
      access: "access-old",
      refresh: "refresh-0",
      expires: Date.now() - 1000,
    });
    const outcome = await replayRun({
      exchanges: hello(),
      model: "anthropic:claude-haiku-4-5",
      env: { LLM_DO_AUTH: "oauth", LLM_DO_OAUTH_FILE: file, LLM_DO_OAUTH_TOKEN_URL: oauth.tokenUrl },
    });
    expect(outcome.error?.message).toBe(
      `Anthropic OAuth token refresh failed (400: {"error":"invalid_grant"}): run 'llm-do-oauth login' again`,
    );
    expect(outcome.requests).toEqual([]);
  });

  test("without a stored login the run fails before it starts, naming the file and the command", async () => {
    await using dir = await tempProject();
    const missing = dir.path("oauth.json");
    const outcome = await replayRun({
      exchanges: hello(),
      model: "anthropic:claude-haiku-4-5",
      env: { LLM_DO_AUTH: "oauth", LLM_DO_OAUTH_FILE: missing },
    });
    expect(outcome.error?.message).toBe(
      `LLM_DO_AUTH=oauth, but no Anthropic login is stored in ${missing}: run 'llm-do-oauth login --provider anthropic' (or unset LLM_DO_AUTH to use ANTHROPIC_API_KEY)`,
    );
    expect(eventsOf(outcome.events, "call-start")).toEqual([]);
    expect(outcome.requests).toEqual([]);
  });

  test("the token file defaults to ~/.llm-do/oauth.json", async () => {
    await using home = await tempProject();
    await tokenFile(home, { access: "access-home", refresh: "r", expires: inAnHour() }, ".llm-do/oauth.json");
    const outcome = await replayRun({
      exchanges: hello(),
      model: "anthropic:claude-haiku-4-5",
      env: { HOME: home.dir, ANTHROPIC_API_KEY: undefined, LLM_DO_AUTH: "oauth" },
    });
    expect(outcome.requests[0]?.headers.authorization).toBe("Bearer access-home");
  });

  test("without LLM_DO_AUTH a stored token is not used: the API key is", async () => {
    await using dir = await tempProject();
    const file = await tokenFile(dir, { access: "access-0", refresh: "refresh-0", expires: inAnHour() });
    const outcome = await replayRun({
      exchanges: hello(),
      model: "anthropic:claude-haiku-4-5",
      env: { LLM_DO_OAUTH_FILE: file },
    });
    const headers = outcome.requests[0]?.headers ?? {};
    expect(headers["x-api-key"]).toBe("test-anthropic-key");
    expect(headers.authorization).toBeUndefined();
    expect(String(headers["anthropic-beta"] ?? "")).not.toContain("oauth");
  });
});
