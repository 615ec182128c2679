/**
 * @module Anthropic's subscription OAuth flow (PKCE, authorization code pasted by the user):
 * the authorization URL, the code exchange and the token refresh (§6.2, §6.3).
 */
import { z } from "zod";
import { ConfigError, errorMessage, ModelCallError } from "../errors.js";
import type { OAuthCredentials } from "./oauth-credentials.js";

/** The public (secret-less) client id Anthropic issues for its own CLI, kept base64-encoded. */
export const ANTHROPIC_CLIENT_ID = Buffer.from(
  "OWQxYzI1MGEtZTYxYi00NGQ5LTg4ZWQtNTk0NGQxOTYyZjVl",
  "base64",
).toString("utf8");

/** Where the user authorizes. */
export const ANTHROPIC_AUTHORIZE_URL = "https://claude.ai/oauth/authorize";

/** Where codes and refresh tokens are exchanged for tokens. */
export const ANTHROPIC_TOKEN_URL = "https://console.anthropic.com/v1/oauth/token";

/** The callback page that shows the user the `code#state` to paste. */
export const ANTHROPIC_REDIRECT_URI = "https://console.anthropic.com/oauth/code/callback";

/** The scopes requested, space-separated. */
export const ANTHROPIC_OAUTH_SCOPE = "org:create_api_key user:profile user:inference";

/** Options for {@link buildAnthropicAuthorizationUrl}. */
export interface AnthropicAuthorizationUrlOptions {
  /** The PKCE challenge. */
  challenge: string;
  /** The PKCE verifier, which doubles as the `state` value. */
  verifier: string;
  /** The authorization endpoint; defaults to {@link ANTHROPIC_AUTHORIZE_URL}. */
  authorizeUrl?: string;
}

/**
 * The URL the user opens to authorize. Parameters, in this order: `code=true`, `client_id`,
 * `response_type=code`, `redirect_uri`, `scope`, `code_challenge`, `code_challenge_method=S256`,
 * `state` (the verifier); form-encoded, so spaces become `+`.
 */
export function buildAnthropicAuthorizationUrl(options: AnthropicAuthorizationUrlOptions): string {
  const base = options.authorizeUrl ?? ANTHROPIC_AUTHORIZE_URL;
  const query = new URLSearchParams([
    ["code", "true"],
    ["client_id", ANTHROPIC_CLIENT_ID],
    ["response_type", "code"],
    ["redirect_uri", ANTHROPIC_REDIRECT_URI],
    ["scope", ANTHROPIC_OAUTH_SCOPE],
    ["code_challenge", options.challenge],
    ["code_challenge_method", "S256"],
    ["state", options.verifier],
  ]);
  return `${base}${base.includes("?") ? "&" : "?"}${query.toString()}`;
}

/** What every token request needs. */
export interface AnthropicTokenRequestOptions {
  /** The HTTP client. */
  fetch: typeof fetch;
  /** The clock, in epoch milliseconds. */
  now: () => number;
  /** The token endpoint; defaults to {@link ANTHROPIC_TOKEN_URL}. */
  tokenUrl?: string;
  /** Cancels the request. */
  signal?: AbortSignal;
}

/** Options for {@link exchangeAnthropicCode}. */
export interface ExchangeAnthropicCodeOptions extends AnthropicTokenRequestOptions {
  /** The authorization code (the part of the pasted text before `#`). */
  code: string;
  /** The state (the part after `#`). */
  state: string;
  /** The PKCE verifier of this login. */
  verifier: string;
}

/**
 * Exchanges an authorization code for tokens.
 *
 * Contract: a non-2xx answer throws `ConfigError`
 * `Anthropic OAuth token exchange failed (<status>: <body>)`; a network failure or an answer
 * without tokens throws `ModelCallError`.
 */
export async function exchangeAnthropicCode(
  options: ExchangeAnthropicCodeOptions,
): Promise<OAuthCredentials> {
  const issuedAt = options.now();
  const tokens = await requestTokens(options, "exchange", {
    grant_type: "authorization_code",
    client_id: ANTHROPIC_CLIENT_ID,
    code: options.code,
    state: options.state,
    redirect_uri: ANTHROPIC_REDIRECT_URI,
    code_verifier: options.verifier,
  });
  if (tokens.refresh_token === undefined) {
    throw new ModelCallError("Anthropic OAuth token exchange failed: the response has no refresh_token", {
      provider: "anthropic",
    });
  }
  return toCredentials(tokens.access_token, tokens.refresh_token, tokens.expires_in, issuedAt);
}

/** Options for {@link refreshAnthropicTokens}. */
export interface RefreshAnthropicTokensOptions extends AnthropicTokenRequestOptions {
  /** The stored refresh token. */
  refreshToken: string;
}

/**
 * Trades a refresh token for new tokens. When the answer carries no new refresh token, the old
 * one is kept.
 *
 * Contract: a non-2xx answer throws `ConfigError`
 * `Anthropic OAuth token refresh failed (<status>: <body>): run 'llm-do-oauth login' again`;
 * a network failure or an answer without an access token throws `ModelCallError`.
 */
export async function refreshAnthropicTokens(
  options: RefreshAnthropicTokensOptions,
): Promise<OAuthCredentials> {
  const issuedAt = options.now();
  const tokens = await requestTokens(options, "refresh", {
    grant_type: "refresh_token",
    client_id: ANTHROPIC_CLIENT_ID,
    refresh_token: options.refreshToken,
  });
  const refresh = tokens.refresh_token ?? options.refreshToken;
  return toCredentials(tokens.access_token, refresh, tokens.expires_in, issuedAt);
}

const TokenResponse = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  expires_in: z.number().positive(),
});
type TokenResponse = z.infer<typeof TokenResponse>;

const MAX_BODY_IN_MESSAGE = 500;

async function requestTokens(
  options: AnthropicTokenRequestOptions,
  kind: "exchange" | "refresh",
  body: Record<string, string>,
): Promise<TokenResponse> {
  const what = `Anthropic OAuth token ${kind} failed`;
  let response: Response;
  let text: string;
  try {
    response = await options.fetch(options.tokenUrl ?? ANTHROPIC_TOKEN_URL, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body),
      signal: options.signal,
    });
    text = await response.text();
  } catch (error) {
    throw new ModelCallError(`${what}: ${errorMessage(error)}`, { provider: "anthropic" }, { cause: error });
  }
  if (!response.ok) {
    const detail = `${response.status}: ${abbreviate(text.trim())}`;
    const advice = kind === "refresh" ? ": run 'llm-do-oauth login' again" : "";
    throw new ConfigError(`${what} (${detail})${advice}`);
  }
  return parseTokenResponse(text, what, response.status);
}

function parseTokenResponse(text: string, what: string, status: number): TokenResponse {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ModelCallError(`${what}: the response is not JSON`, { provider: "anthropic", status });
  }
  const parsed = TokenResponse.safeParse(json);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((issue) => issue.path.join(".")).filter(Boolean);
  const problem = fields.length > 0 ? `has no valid ${fields.join(", ")}` : "is not a JSON object";
  throw new ModelCallError(`${what}: the response ${problem}`, { provider: "anthropic", status });
}

function toCredentials(
  access: string,
  refresh: string,
  expiresIn: number,
  issuedAt: number,
): OAuthCredentials {
  return { type: "oauth", refresh, access, expires: issuedAt + Math.round(expiresIn * 1000) };
}

function abbreviate(text: string): string {
  return text.length > MAX_BODY_IN_MESSAGE ? `${text.slice(0, MAX_BODY_IN_MESSAGE)}…` : text;
}
