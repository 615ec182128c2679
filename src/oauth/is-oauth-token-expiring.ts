/**
 * @module When a stored access token counts as expired.
 */
import type { OAuthCredentials } from "./oauth-credentials.js";

/** Tokens are refreshed this long before they expire: 5 minutes. */
export const OAUTH_REFRESH_MARGIN_MS = 5 * 60 * 1000;

/** True when the access token has expired or expires within {@link OAUTH_REFRESH_MARGIN_MS}. */
export function isOAuthTokenExpiring(credentials: OAuthCredentials, nowMs: number): boolean {
  return nowMs >= credentials.expires - OAUTH_REFRESH_MARGIN_MS;
}
