/**
 * @module The `code#state` text the user pastes from the provider's callback page.
 */
import { ConfigError } from "../errors.js";

/** An authorization code and the state that came with it. */
export interface PastedCode {
  /** The authorization code. */
  code: string;
  /** The state; empty when the pasted text had no `#`. */
  state: string;
}

/**
 * Splits pasted text at the first `#` (surrounding whitespace ignored) and checks the state.
 *
 * Contract: throws `ConfigError` when the code is empty, when the state is missing, or when it
 * differs from `expectedState` (a code from another login attempt).
 */
export function parsePastedCode(text: string, expectedState: string): PastedCode {
  const trimmed = text.trim();
  const hashIndex = trimmed.indexOf("#");
  const code = hashIndex === -1 ? trimmed : trimmed.slice(0, hashIndex);
  const state = hashIndex === -1 ? "" : trimmed.slice(hashIndex + 1);
  if (code === "") throw new ConfigError("no authorization code was pasted (expected code#state)");
  if (state === "") {
    throw new ConfigError(
      "the pasted code has no state: paste the whole code#state shown by the callback page",
    );
  }
  if (state !== expectedState) {
    throw new ConfigError(
      "the pasted state does not match this login: paste the code#state shown for the URL printed above",
    );
  }
  return { code, state };
}
