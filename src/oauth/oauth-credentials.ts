/**
 * @module The stored form of a provider's OAuth tokens, and its tolerant parser (§6.4).
 */

/** One provider's OAuth tokens, as stored in `~/.llm-do/oauth.json`. */
export interface OAuthCredentials {
  /** Always `oauth`. */
  type: "oauth";
  /** The refresh token. */
  refresh: string;
  /** The access token. */
  access: string;
  /** When the access token expires, in epoch milliseconds. */
  expires: number;
  /** The enterprise base URL, for providers that have one. */
  enterpriseUrl?: string;
  /** The provider's project id, when it has one. */
  projectId?: string;
  /** The account's email address, when known. */
  email?: string;
}

/** Credentials by provider name (a null-prototype object: look names up with `Object.hasOwn`). */
export type StoredCredentials = Record<string, OAuthCredentials>;

const optionalFields = ["enterpriseUrl", "projectId", "email"] as const;

/**
 * Reads the parsed contents of a credentials file, forgivingly: a non-object is empty, a
 * non-object entry is skipped, `expires` is coerced to an integer (invalid → 0), and a
 * non-string token becomes `""`. Unknown fields are dropped.
 */
export function parseStoredCredentials(value: unknown): StoredCredentials {
  const result: StoredCredentials = Object.create(null);
  if (!isRecord(value)) return result;
  for (const [provider, entry] of Object.entries(value)) {
    if (isRecord(entry)) result[provider] = parseEntry(entry);
  }
  return result;
}

function parseEntry(entry: Record<string, unknown>): OAuthCredentials {
  const credentials: OAuthCredentials = {
    type: "oauth",
    refresh: typeof entry.refresh === "string" ? entry.refresh : "",
    access: typeof entry.access === "string" ? entry.access : "",
    expires: toInteger(entry.expires),
  };
  for (const field of optionalFields) {
    const fieldValue = entry[field];
    if (typeof fieldValue === "string") credentials[field] = fieldValue;
  }
  return credentials;
}

function toInteger(value: unknown): number {
  const number = typeof value === "number" ? value : typeof value === "string" ? Number(value) : Number.NaN;
  return Number.isFinite(number) ? Math.trunc(number) : 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
