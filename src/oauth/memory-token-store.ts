/**
 * @module A token store held in memory, for tests and embedders that keep tokens elsewhere.
 */
import { type OAuthCredentials, parseStoredCredentials } from "./oauth-credentials.js";
import { createTokenStore, type TokenStore } from "./token-store.js";

/** A {@link TokenStore} in memory, starting from `initial`. Loads and saves copy, so callers never share its state. */
export function createMemoryTokenStore(initial: Record<string, OAuthCredentials> = {}): TokenStore {
  let current = parseStoredCredentials(initial);
  return createTokenStore({
    load: async () => parseStoredCredentials(current),
    save: async (credentials) => {
      current = parseStoredCredentials(credentials);
    },
  });
}
