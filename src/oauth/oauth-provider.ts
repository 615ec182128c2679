/**
 * @module The OAuth providers llm-do can log in to.
 */
import { ConfigError } from "../errors.js";

/** Providers with a subscription OAuth flow. */
export const OAUTH_PROVIDERS = ["anthropic"] as const;

/** A provider with a subscription OAuth flow. */
export type OAuthProvider = (typeof OAUTH_PROVIDERS)[number];

/** True when `name` is a provider with an OAuth flow. */
export function isOAuthProvider(name: string): name is OAuthProvider {
  return (OAUTH_PROVIDERS as readonly string[]).includes(name);
}

/**
 * Checks a provider name from the user.
 *
 * Contract: throws `ConfigError` `Unknown OAuth provider: <name> (available: anthropic)`.
 */
export function assertOAuthProvider(name: string): OAuthProvider {
  if (isOAuthProvider(name)) return name;
  throw new ConfigError(`Unknown OAuth provider: ${name} (available: ${OAUTH_PROVIDERS.join(", ")})`);
}
