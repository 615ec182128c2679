import { createHash } from "node:crypto";
import * as fs from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeOAuthServer, startFakeOAuthServer } from "../../test/support/fake-oauth-server.js";
import { type OAuthMainIo, oauthMain } from "./oauth-main.js";

const NOW = Date.UTC(2026, 0, 1);
const PROMPT = "Paste the authorization code (format: code#state): ";

class Collector {
  text = "";
  constructor(private readonly onWrite: (text: string) => void = () => {}) {}
  write(text: string): boolean {
    this.text += text;
    this.onWrite(text);
    return true;
  }
}

let home: string;
let credentialsPath: string;
let server: FakeOAuthServer | undefined;
beforeEach(async () => {
  home = await fs.mkdtemp(join(tmpdir(), "llm-do-oauth-main-"));
  credentialsPath = join(home, ".llm-do", "oauth.json");
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  await fs.rm(home, { recursive: true, force: true });
});

function makeIo(overrides: Partial<OAuthMainIo> = {}) {
  const stdout = new Collector();
  const stderr = new Collector();
  const io: OAuthMainIo = {
    stdin: Readable.from([]),
    stdout,
    stderr,
    env: { HOME: home },
    fetch,
    now: () => NOW,
  };
  return { io: { ...io, ...overrides }, stdout, stderr };
}

async function writeCredentials(expires: number): Promise<void> {
  await fs.mkdir(join(home, ".llm-do"), { recursive: true });
  const entry = { type: "oauth", refresh: "r", access: "a", expires };
  await fs.writeFile(credentialsPath, JSON.stringify({ anthropic: entry }));
}

/** Runs `login` the way a user would: read the printed URL, open it, paste what the page shows. */
async function startLogin(
  extraArgs: string[] = [],
  options: { openUrl?: (url: string) => Promise<void> } = {},
) {
  const fake = await startFakeOAuthServer({ code: "authcode" });
  server = fake;
  const stdin = new PassThrough();
  let url = "";
  const stdout = new Collector((text) => {
    if (text.startsWith("Open this URL")) url = text.split("\n")[1] ?? "";
    if (text === PROMPT) void fetch(url).then(async (response) => stdin.end(`${await response.text()}\n`));
  });
  const stderr = new Collector();
  const env = {
    HOME: home,
    LLM_DO_OAUTH_AUTHORIZE_URL: fake.authorizeUrl,
    LLM_DO_OAUTH_TOKEN_URL: fake.tokenUrl,
  };
  const exitCode = await oauthMain(["login", ...extraArgs], {
    stdin,
    stdout,
    stderr,
    env,
    fetch,
    now: () => NOW,
    ...options,
  });
  return { exitCode, stdout: stdout.text, stderr: stderr.text, url, fake };
}

describe("oauthMain login", () => {
  it("prints the URL, reads code#state, exchanges it, and saves the tokens", async () => {
    const { exitCode, stdout, stderr, url, fake } = await startLogin();
    expect(stderr).toBe("");
    expect(exitCode).toBe(0);
    expect(stdout).toBe(
      `Open this URL in your browser to authorize:\n${url}\n\n${PROMPT}\nSaved OAuth credentials to ${credentialsPath}\n`,
    );
    const query = new URL(url).searchParams;
    const verifier = query.get("state") ?? "";
    expect(query.get("code_challenge")).toBe(createHash("sha256").update(verifier).digest("base64url"));
    const tokenRequest = fake.requests.find((request) => request.path === "/token");
    expect(tokenRequest?.body).toEqual({
      grant_type: "authorization_code",
      client_id: "9d1c250a-e61b-44d9-88ed-5944d1962f5e",
      code: "authcode",
      state: verifier,
      redirect_uri: "https://console.anthropic.com/oauth/code/callback",
      code_verifier: verifier,
    });
    expect(JSON.parse(await fs.readFile(credentialsPath, "utf8"))).toEqual({
      anthropic: { type: "oauth", refresh: "refresh-1", access: "access-1", expires: NOW + 3_600_000 },
    });
    expect((await fs.stat(credentialsPath)).mode & 0o777).toBe(0o600);
    expect((await fs.stat(join(home, ".llm-do"))).mode & 0o777).toBe(0o700);
  });

  it("opens a browser only with --open-browser", async () => {
    const opened: string[] = [];
    const openUrl = async (url: string) => {
      opened.push(url);
    };
    const without = await startLogin([], { openUrl });
    expect(without.exitCode).toBe(0);
    expect(opened).toEqual([]);
    await server?.close();
    const withFlag = await startLogin(["--open-browser"], { openUrl });
    expect(withFlag.exitCode).toBe(0);
    expect(opened).toEqual([withFlag.url]);
  });

  it("carries on when the browser cannot be opened", async () => {
    const openUrl = async () => Promise.reject(new Error("spawn xdg-open ENOENT"));
    const { exitCode, stderr } = await startLogin(["--open-browser"], { openUrl });
    expect(exitCode).toBe(0);
    expect(stderr).toBe("Could not open a browser (spawn xdg-open ENOENT): open the URL yourself.\n");
  });

  it("fails without a request when the pasted code has no state", async () => {
    const fake = await startFakeOAuthServer();
    server = fake;
    const { io, stderr } = makeIo({
      stdin: Readable.from(["authcode\n"]),
      env: { HOME: home, LLM_DO_OAUTH_TOKEN_URL: fake.tokenUrl },
    });
    expect(await oauthMain(["login"], io)).toBe(1);
    expect(stderr.text).toBe(
      "OAuth login failed: the pasted code has no state: paste the whole code#state shown by the callback page\n",
    );
    expect(fake.requests).toEqual([]);
    await expect(fs.stat(credentialsPath)).rejects.toThrow("ENOENT");
  });

  it("fails when the pasted state is not this login's", async () => {
    const { io, stderr } = makeIo({ stdin: Readable.from(["authcode#someone-else\n"]) });
    expect(await oauthMain(["login"], io)).toBe(1);
    expect(stderr.text).toBe(
      "OAuth login failed: the pasted state does not match this login: paste the code#state shown for the URL printed above\n",
    );
  });

  it("fails when the input ends before a code is pasted", async () => {
    const { io, stderr } = makeIo();
    expect(await oauthMain(["login"], io)).toBe(1);
    expect(stderr.text).toBe("OAuth login failed: no authorization code was pasted (input ended)\n");
  });

  it("reports a refused exchange", async () => {
    const fake = await startFakeOAuthServer({ respond: () => ({ status: 400, body: "invalid_grant" }) });
    server = fake;
    const stdin = new PassThrough();
    const stdout = new Collector((text) => {
      const state = /[?&]state=([^&\s]+)/.exec(text)?.[1];
      if (state) stdin.end(`authcode#${state}\n`);
    });
    const { io, stderr } = makeIo({
      stdin,
      stdout,
      env: { HOME: home, LLM_DO_OAUTH_TOKEN_URL: fake.tokenUrl },
    });
    expect(await oauthMain(["login"], io)).toBe(1);
    expect(stderr.text).toBe(
      "OAuth login failed: Anthropic OAuth token exchange failed (400: invalid_grant)\n",
    );
    await expect(fs.stat(credentialsPath)).rejects.toThrow("ENOENT");
  });
});

describe("oauthMain logout", () => {
  it("says when there is nothing to clear", async () => {
    const { io, stdout } = makeIo();
    expect(await oauthMain(["logout"], io)).toBe(0);
    expect(stdout.text).toBe("No OAuth credentials found for anthropic\n");
  });

  it("clears stored credentials", async () => {
    await writeCredentials(NOW + 3_600_000);
    const { io, stdout } = makeIo();
    expect(await oauthMain(["logout", "--provider", "anthropic"], io)).toBe(0);
    expect(stdout.text).toBe("Cleared OAuth credentials for anthropic\n");
    expect(JSON.parse(await fs.readFile(credentialsPath, "utf8"))).toEqual({});
  });
});

describe("oauthMain status", () => {
  it("reports not logged in", async () => {
    const { io, stdout } = makeIo();
    expect(await oauthMain(["status"], io)).toBe(0);
    expect(stdout.text).toBe("anthropic: not logged in\n");
  });

  it("reports a token expiring within 5 minutes as expired", async () => {
    await writeCredentials(NOW + 5 * 60_000);
    const { io, stdout } = makeIo();
    expect(await oauthMain(["status"], io)).toBe(0);
    expect(stdout.text).toBe("anthropic: expired\n");
  });

  it("reports a valid token with its expiry", async () => {
    await writeCredentials(NOW + 3_600_000);
    const { io, stdout } = makeIo();
    expect(await oauthMain(["status"], io)).toBe(0);
    expect(stdout.text).toBe("anthropic: logged in (expires 2026-01-01T01:00:00.000Z)\n");
  });

  it("reads the file named by LLM_DO_OAUTH_FILE", async () => {
    await writeCredentials(NOW + 3_600_000);
    const { io, stdout } = makeIo({ env: { LLM_DO_OAUTH_FILE: credentialsPath } });
    expect(await oauthMain(["status"], io)).toBe(0);
    expect(stdout.text).toBe("anthropic: logged in (expires 2026-01-01T01:00:00.000Z)\n");
  });

  it("fails without a home directory", async () => {
    const { io, stderr } = makeIo({ env: {} });
    expect(await oauthMain(["status"], io)).toBe(1);
    expect(stderr.text).toBe(
      "OAuth status failed: cannot find the OAuth credentials file: set HOME or LLM_DO_OAUTH_FILE\n",
    );
  });
});

describe("oauthMain usage", () => {
  it("prints help with the terms notice and exits 0", async () => {
    const { io, stdout } = makeIo();
    expect(await oauthMain(["--help"], io)).toBe(0);
    const help = stdout.text.replace(/\s+/g, " ");
    expect(help).toContain("Usage: llm-do-oauth [options] [command]");
    expect(help).toContain("login [options]");
    expect(help).toContain(
      "Subscription tokens are issued for the provider's own products, under the provider's terms.",
    );
    expect(help).toContain("The provider's terms decide where subscription tokens may be used");
    expect(help).toContain("llm-do runs use the stored token only when asked to (LLM_DO_AUTH=oauth)");
    expect(help).toContain("LLM_DO_OAUTH_FILE credentials file (default: ~/.llm-do/oauth.json)");
  });

  it("shows the terms notice in login's help too", async () => {
    const { io, stdout } = makeIo();
    expect(await oauthMain(["login", "--help"], io)).toBe(0);
    expect(stdout.text).toContain("--open-browser");
    expect(stdout.text).toContain("The provider's terms decide where subscription tokens may be used");
  });

  it("requires a subcommand", async () => {
    const { io, stdout, stderr } = makeIo();
    expect(await oauthMain([], io)).toBe(2);
    expect(stdout.text).toBe("");
    expect(stderr.text).toContain("Usage: llm-do-oauth [options] [command]");
  });

  it("rejects an unknown subcommand", async () => {
    const { io, stderr } = makeIo();
    expect(await oauthMain(["whoami"], io)).toBe(2);
    expect(stderr.text).toBe("error: unknown command 'whoami'\n");
  });

  it("accepts only the anthropic provider", async () => {
    const { io, stdout, stderr } = makeIo();
    expect(await oauthMain(["status", "--provider", "openai"], io)).toBe(2);
    expect(stdout.text).toBe("");
    expect(stderr.text).toBe(
      "error: option '--provider <name>' argument 'openai' is invalid. Allowed choices are anthropic.\n",
    );
  });
});
