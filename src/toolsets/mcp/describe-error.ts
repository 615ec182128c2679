/**
 * @module The message of an error together with its causes, which is where Node puts the part
 * users need (`fetch failed` says little; its cause `connect ECONNREFUSED 127.0.0.1:80` says it).
 */
import { errorMessage } from "../../errors.js";

/** `fetch failed (connect ECONNREFUSED 127.0.0.1:80)`: the message, then each distinct cause. */
export function describeError(error: unknown): string {
  const messages: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    const message = errorMessage(current);
    if (message !== "" && !messages.some((earlier) => earlier.includes(message))) messages.push(message);
    current = current instanceof Error ? current.cause : undefined;
  }
  const [first = "unknown error", ...causes] = messages;
  return causes.length === 0 ? first : `${first} (${causes.join(": ")})`;
}
