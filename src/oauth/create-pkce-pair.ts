/**
 * @module PKCE (RFC 7636) verifier and S256 challenge.
 */
import { createHash, randomBytes as nodeRandomBytes } from "node:crypto";

/** A PKCE verifier and its S256 challenge, both base64url without padding. */
export interface PkcePair {
  /** 32 random bytes, base64url (43 characters). Kept secret until the token exchange. */
  verifier: string;
  /** base64url of the SHA-256 of the verifier. Sent in the authorization URL. */
  challenge: string;
}

/** Options for {@link createPkcePair}. */
export interface CreatePkcePairOptions {
  /** Source of random bytes; defaults to `crypto.randomBytes`. */
  randomBytes?: (size: number) => Uint8Array;
}

/** Creates a fresh PKCE verifier and challenge. */
export function createPkcePair(options: CreatePkcePairOptions = {}): PkcePair {
  const randomBytes = options.randomBytes ?? nodeRandomBytes;
  const verifier = Buffer.from(randomBytes(32)).toString("base64url");
  return { verifier, challenge: computePkceChallenge(verifier) };
}

/** The S256 challenge of a verifier: base64url (no padding) of SHA-256 of its ASCII bytes. */
export function computePkceChallenge(verifier: string): string {
  return createHash("sha256").update(verifier, "ascii").digest("base64url");
}
