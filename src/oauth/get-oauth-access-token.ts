/**
 * @module The access token a model request should use, refreshed when it is about to expire.
 */
import { ConfigError } from "../errors.js";
import { refreshAnthropicTokens } from "./anthropic-oauth.js";
import { isOAuthTokenExpiring } from "./is-oauth-token-expiring.js";
import { assertOAuthProvider } from "./oauth-provider.js";
import type { TokenStore } from "./token-store.js";

/** Options for {@link getOAuthAccessToken}. */
export interface GetOAuthAccessTokenOptions {
  /** The provider, e.g. `anthropic`. */
  provider: string;
  /** Where the credentials are stored. */
  store: TokenStore;
  /** The HTTP client used to refresh. */
  fetch: typeof fetch;
  /** The clock, in epoch milliseconds. */
  now: () => number;
  /** The token endpoint; defaults to the provider's. */
  tokenUrl?: string;
  /** Cancels a refresh. */
  signal?: AbortSignal;
}

/**
 * Returns the stored access token, or `undefined` when the provider has no credentials.
 * A token that has expired or expires within 5 minutes is refreshed first, and the new
 * credentials are saved.
 *
 * Contract: never deletes credentials. Throws `ConfigError` for an unknown provider, for
 * credentials without a refresh token, for a refused refresh
 * (`Anthropic OAuth token refresh failed (<status>: <body>): run 'llm-do-oauth login' again`)
 * and when the new credentials cannot be saved; `ModelCallError` for a network failure.
 */
export async function getOAuthAccessToken(options: GetOAuthAccessTokenOptions): Promise<string | undefined> {
  const provider = assertOAuthProvider(options.provider);
  const credentials = await options.store.get(provider);
  if (credentials === undefined) return undefined;
  if (!isOAuthTokenExpiring(credentials, options.now())) return credentials.access;
  if (credentials.refresh === "") {
    throw new ConfigError(
      "Anthropic OAuth credentials have no refresh token: run 'llm-do-oauth login' again",
    );
  }
  const refreshed = await refreshAnthropicTokens({
    refreshToken: credentials.refresh,
    fetch: options.fetch,
    now: options.now,
    tokenUrl: options.tokenUrl,
    signal: options.signal,
  });
  await options.store.set(provider, { ...credentials, ...refreshed });
  return refreshed.access;
}
