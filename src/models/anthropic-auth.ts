/**
 * @module How an Anthropic model authenticates: the API key (`ANTHROPIC_API_KEY`), or, only when
 * the run's environment says `LLM_DO_AUTH=oauth`, the OAuth token stored by `llm-do-oauth login`,
 * sent as a bearer token with the OAuth beta flag. Nothing else about the request changes.
 */
import { readFileSync } from "node:fs";
import { ConfigError } from "../errors.js";
import { ANTHROPIC_BETA_HEADER, ANTHROPIC_OAUTH_BETA } from "../oauth/anthropic-oauth-headers.js";
import { getOAuthAccessToken } from "../oauth/get-oauth-access-token.js";
import { parseStoredCredentials } from "../oauth/oauth-credentials.js";
import { resolveTokenStorePath } from "../oauth/resolve-token-store-path.js";
import { createFileTokenStore } from "../oauth/token-store.js";

/** The environment the choice is read from. */
export type AuthEnvironment = Readonly<Record<string, string | undefined>>;

/** True when the run asks for the stored OAuth token. Contract: throws for a value other than `oauth`/`api-key`. */
export function usesAnthropicOAuth(env: AuthEnvironment): boolean {
  const mode = env.LLM_DO_AUTH?.trim().toLowerCase();
  if (!mode || mode === "api-key") return false;
  if (mode === "oauth") return true;
  throw new ConfigError(`LLM_DO_AUTH must be 'oauth' or 'api-key' (got '${env.LLM_DO_AUTH}')`);
}

/**
 * Checks, without a network call, that an Anthropic login is stored.
 * Contract: throws a ConfigError naming the credentials file and the command to run.
 */
export function checkAnthropicOAuth(env: AuthEnvironment): void {
  const path = resolveTokenStorePath(env);
  let stored: ReturnType<typeof parseStoredCredentials>;
  try {
    stored = parseStoredCredentials(JSON.parse(readFileSync(path, "utf8")));
  } catch {
    stored = parseStoredCredentials(undefined);
  }
  if (!Object.hasOwn(stored, "anthropic") || !stored.anthropic?.access) {
    throw new ConfigError(
      `LLM_DO_AUTH=oauth, but no Anthropic login is stored in ${path}: run 'llm-do-oauth login --provider anthropic' (or unset LLM_DO_AUTH to use ANTHROPIC_API_KEY)`,
    );
  }
}

/** What the OAuth settings need. */
export interface AnthropicOAuthOptions {
  env: AuthEnvironment;
  /** Used to refresh the token (default: the global fetch). */
  fetch?: typeof globalThis.fetch;
  /** The clock in epoch milliseconds (default `Date.now`). */
  now?: () => number;
}

/** The `createAnthropic` settings for OAuth: a bearer token fetched per request, and the beta flag. */
export interface AnthropicOAuthSettings {
  authToken: () => Promise<string>;
  headers: Record<string, string>;
}

/**
 * Settings that send the stored access token, refreshed when it is about to expire (against
 * `LLM_DO_OAUTH_TOKEN_URL` when set). The token is fetched once here, so a missing login or a
 * refused refresh fails when the model is created.
 *
 * Contract: throws a ConfigError when no login is stored or a refresh is refused (saying to log
 * in again).
 */
export async function createAnthropicOAuthSettings(
  options: AnthropicOAuthOptions,
): Promise<AnthropicOAuthSettings> {
  const path = resolveTokenStorePath(options.env);
  const store = createFileTokenStore({ path });
  const tokenUrl = options.env.LLM_DO_OAUTH_TOKEN_URL;
  const fetchToken = async () => {
    const token = await getOAuthAccessToken({
      provider: "anthropic",
      store,
      fetch: options.fetch ?? globalThis.fetch,
      now: options.now ?? Date.now,
      ...(tokenUrl ? { tokenUrl } : {}),
    });
    if (!token) {
      throw new ConfigError(
        `LLM_DO_AUTH=oauth, but no Anthropic login is stored in ${path}: run 'llm-do-oauth login --provider anthropic'`,
      );
    }
    return token;
  };
  await fetchToken();
  return { authToken: fetchToken, headers: { [ANTHROPIC_BETA_HEADER]: ANTHROPIC_OAUTH_BETA } };
}
