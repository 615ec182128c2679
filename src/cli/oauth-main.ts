/**
 * @module `llm-do-oauth login|logout|status`: subscription OAuth credentials on the command line
 * (§6.5). Everything the command touches (streams, environment, HTTP, clock) arrives in `io`.
 */

import { createInterface } from "node:readline";
import { Command, CommanderError, Option } from "commander";
import open from "open";
import { ConfigError, errorMessage } from "../errors.js";
import { isOAuthTokenExpiring } from "../oauth/is-oauth-token-expiring.js";
import { loginAnthropic } from "../oauth/login-anthropic.js";
import { OAUTH_PROVIDERS, type OAuthProvider } from "../oauth/oauth-provider.js";
import { resolveTokenStorePath } from "../oauth/resolve-token-store-path.js";
import { createFileTokenStore } from "../oauth/token-store.js";

/** Something text can be written to (a process stream, or a collector in tests). */
export interface TextOutput {
  /** Writes text as is. */
  write(text: string): unknown;
}

/** What `oauthMain` may touch. */
export interface OAuthMainIo {
  /** Where the pasted authorization code is read from (one line). */
  stdin: NodeJS.ReadableStream;
  /** Normal output: the URL, the prompt, results. */
  stdout: TextOutput;
  /** Errors and usage messages. */
  stderr: TextOutput;
  /** The environment: `HOME`, `LLM_DO_OAUTH_FILE`, `LLM_DO_OAUTH_AUTHORIZE_URL`, `LLM_DO_OAUTH_TOKEN_URL`. */
  env: Readonly<Record<string, string | undefined>>;
  /** The HTTP client; defaults to the global `fetch`. */
  fetch?: typeof fetch;
  /** The clock, in epoch milliseconds; defaults to `Date.now`. */
  now?: () => number;
  /** Opens a URL in a browser (for `--open-browser`); defaults to the platform's opener. */
  openUrl?: (url: string) => Promise<void>;
}

/** The exit codes of `llm-do-oauth`. */
const EXIT_OK = 0;
const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;

const TERMS_NOTE = `
Subscription tokens are issued for the provider's own products, under the provider's terms.
The provider's terms decide where subscription tokens may be used: read them before you use a
token with llm-do. llm-do runs use the stored token only when asked to (LLM_DO_AUTH=oauth);
otherwise they authenticate with an API key.
`;

const ENVIRONMENT_NOTE = `
Environment:
  LLM_DO_OAUTH_FILE           credentials file (default: ~/.llm-do/oauth.json)
  LLM_DO_OAUTH_AUTHORIZE_URL  authorization endpoint (for testing)
  LLM_DO_OAUTH_TOKEN_URL      token endpoint (for testing)
`;

interface CommandOptions {
  provider: OAuthProvider;
  openBrowser?: boolean;
}

type CommandAction = (options: CommandOptions, io: OAuthMainIo) => Promise<number>;

/**
 * Runs `llm-do-oauth` with `argv` (the arguments after the program name) and returns the exit
 * code: 0 on success (and for `--help`), 1 when the command failed, 2 for a usage error
 * (unknown provider, unknown or missing subcommand).
 *
 * Contract: never throws for user errors and never calls `process.exit`; the caller does.
 */
export async function oauthMain(argv: string[], io: OAuthMainIo): Promise<number> {
  let exitCode = EXIT_OK;
  const program = createProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    throw error;
  }
  return exitCode;
}

function createProgram(io: OAuthMainIo, setExitCode: (code: number) => void): Command {
  const program = new Command("llm-do-oauth")
    .description("Log in to a provider with a subscription (OAuth), log out, or show the login status.")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      getOutHelpWidth: () => 100,
      getErrHelpWidth: () => 100,
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    })
    .addHelpText("after", TERMS_NOTE + ENVIRONMENT_NOTE);
  const subcommand = (name: string, description: string, action: CommandAction): Command =>
    program
      .command(name)
      .description(description)
      .addOption(
        new Option("--provider <name>", "OAuth provider").choices(OAUTH_PROVIDERS).default("anthropic"),
      )
      .action(async (options: CommandOptions) => setExitCode(await action(options, io)));
  subcommand("login", "authorize in a browser and store the tokens", login)
    .option("--open-browser", "open the authorization URL in the default browser")
    .addHelpText("after", TERMS_NOTE);
  subcommand("logout", "delete the stored tokens", logout);
  subcommand("status", "show whether tokens are stored and still valid", status);
  return program;
}

async function login(options: CommandOptions, io: OAuthMainIo): Promise<number> {
  try {
    const path = resolveTokenStorePath(io.env);
    const credentials = await loginAnthropic({
      fetch: io.fetch ?? fetch,
      now: io.now ?? Date.now,
      authorizeUrl: io.env.LLM_DO_OAUTH_AUTHORIZE_URL || undefined,
      tokenUrl: io.env.LLM_DO_OAUTH_TOKEN_URL || undefined,
      onAuthUrl: (url) => showAuthorizationUrl(url, options.openBrowser === true, io),
      readCode: () => promptForCode(io),
    });
    await createFileTokenStore({ path }).set(options.provider, credentials);
    io.stdout.write(`Saved OAuth credentials to ${path}\n`);
    return EXIT_OK;
  } catch (error) {
    io.stderr.write(`OAuth login failed: ${errorMessage(error)}\n`);
    return EXIT_FAILURE;
  }
}

async function showAuthorizationUrl(url: string, openBrowser: boolean, io: OAuthMainIo): Promise<void> {
  io.stdout.write(`Open this URL in your browser to authorize:\n${url}\n\n`);
  if (!openBrowser) return;
  try {
    // `open` picks the platform's opener (xdg-open, open, PowerShell; from WSL the Windows browser).
    await (io.openUrl ?? open)(url);
  } catch (error) {
    io.stderr.write(`Could not open a browser (${errorMessage(error)}): open the URL yourself.\n`);
  }
}

async function logout(options: CommandOptions, io: OAuthMainIo): Promise<number> {
  try {
    const store = createFileTokenStore({ path: resolveTokenStorePath(io.env) });
    const removed = await store.remove(options.provider);
    io.stdout.write(
      removed
        ? `Cleared OAuth credentials for ${options.provider}\n`
        : `No OAuth credentials found for ${options.provider}\n`,
    );
    return EXIT_OK;
  } catch (error) {
    io.stderr.write(`OAuth logout failed: ${errorMessage(error)}\n`);
    return EXIT_FAILURE;
  }
}

async function status(options: CommandOptions, io: OAuthMainIo): Promise<number> {
  try {
    const store = createFileTokenStore({ path: resolveTokenStorePath(io.env) });
    const credentials = await store.get(options.provider);
    const now = (io.now ?? Date.now)();
    let state: string;
    if (credentials === undefined) state = "not logged in";
    else if (isOAuthTokenExpiring(credentials, now)) state = "expired";
    else state = `logged in (expires ${formatExpiry(credentials.expires)})`;
    io.stdout.write(`${options.provider}: ${state}\n`);
    return EXIT_OK;
  } catch (error) {
    io.stderr.write(`OAuth status failed: ${errorMessage(error)}\n`);
    return EXIT_FAILURE;
  }
}

function formatExpiry(expires: number): string {
  const date = new Date(expires);
  return Number.isNaN(date.getTime()) ? String(expires) : date.toISOString();
}

async function promptForCode(io: OAuthMainIo): Promise<string> {
  io.stdout.write("Paste the authorization code (format: code#state): ");
  const line = await readLine(io.stdin);
  // A terminal echoes the user's Enter; piped input does not, so end the prompt's line here.
  if (!("isTTY" in io.stdin && io.stdin.isTTY)) io.stdout.write("\n");
  return line;
}

async function readLine(input: NodeJS.ReadableStream): Promise<string> {
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY, terminal: false });
  for await (const line of lines) return line;
  throw new ConfigError("no authorization code was pasted (input ended)");
}
