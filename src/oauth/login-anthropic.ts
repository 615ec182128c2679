/**
 * @module The whole Anthropic login: URL out, pasted code in, tokens back.
 */
import {
  type AnthropicTokenRequestOptions,
  buildAnthropicAuthorizationUrl,
  exchangeAnthropicCode,
} from "./anthropic-oauth.js";
import { type CreatePkcePairOptions, createPkcePair } from "./create-pkce-pair.js";
import type { OAuthCredentials } from "./oauth-credentials.js";
import { parsePastedCode } from "./parse-pasted-code.js";

/** Options for {@link loginAnthropic}. */
export interface LoginAnthropicOptions extends AnthropicTokenRequestOptions {
  /** Shows the authorization URL to the user (prints it, maybe opens a browser). */
  onAuthUrl: (url: string) => void | Promise<void>;
  /** Asks the user for the pasted `code#state`. */
  readCode: () => Promise<string>;
  /** The authorization endpoint; defaults to Anthropic's. */
  authorizeUrl?: string;
  /** Source of random bytes for the PKCE verifier. */
  randomBytes?: CreatePkcePairOptions["randomBytes"];
}

/**
 * Runs the PKCE login: builds the URL (state = verifier), hands it to `onAuthUrl`, reads the
 * pasted `code#state`, checks the state and exchanges the code. Stores nothing.
 *
 * Contract: throws `ConfigError` for a bad paste (before any request) or a refused exchange,
 * `ModelCallError` for a network failure.
 */
export async function loginAnthropic(options: LoginAnthropicOptions): Promise<OAuthCredentials> {
  const { verifier, challenge } = createPkcePair({ randomBytes: options.randomBytes });
  await options.onAuthUrl(
    buildAnthropicAuthorizationUrl({ challenge, verifier, authorizeUrl: options.authorizeUrl }),
  );
  const { code, state } = parsePastedCode(await options.readCode(), verifier);
  return exchangeAnthropicCode({
    code,
    state,
    verifier,
    fetch: options.fetch,
    now: options.now,
    tokenUrl: options.tokenUrl,
    signal: options.signal,
  });
}
