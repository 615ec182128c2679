/**
 * @module The request headers that authenticate an Anthropic model call with an OAuth access
 * token: a bearer token plus the OAuth beta flag. Nothing else about the request changes.
 */

/** The beta flag Anthropic requires on requests authenticated with an OAuth token. */
export const ANTHROPIC_OAUTH_BETA = "oauth-2025-04-20";

/** The header that carries the bearer token. */
export const AUTHORIZATION_HEADER = "Authorization";

/** The header that lists Anthropic beta flags, comma-separated. */
export const ANTHROPIC_BETA_HEADER = "anthropic-beta";

/**
 * Adds beta flags to a comma-separated `anthropic-beta` value, keeping the existing ones first
 * and dropping blanks and duplicates: `mergeBetaFlags("a, b", "b", "c")` is `"a,b,c"`.
 */
export function mergeBetaFlags(existing: string | undefined, ...added: string[]): string {
  const flags = [...(existing ?? "").split(","), ...added].map((flag) => flag.trim()).filter(Boolean);
  return [...new Set(flags)].join(",");
}

/**
 * The headers for a model request made with `accessToken`: `headers` (when given) without any
 * `x-api-key` or `authorization`, plus `Authorization: Bearer <token>` and `anthropic-beta`
 * with {@link ANTHROPIC_OAUTH_BETA} merged into the betas already present. Header names are
 * matched case-insensitively.
 */
export function createAnthropicOAuthHeaders(
  accessToken: string,
  headers: Record<string, string> = {},
): Record<string, string> {
  const result: Record<string, string> = {};
  let existingBetas: string | undefined;
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (lower === "anthropic-beta") existingBetas = mergeBetaFlags(existingBetas, value);
    else if (lower !== "authorization" && lower !== "x-api-key") result[name] = value;
  }
  result[AUTHORIZATION_HEADER] = `Bearer ${accessToken}`;
  result[ANTHROPIC_BETA_HEADER] = mergeBetaFlags(existingBetas, ANTHROPIC_OAUTH_BETA);
  return result;
}
