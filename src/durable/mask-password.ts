/**
 * @module A database URL as messages show it: without its password.
 */

/** `postgresql://user:secret@host/db` without the secret. */
export function maskPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(not a URL)";
  }
}
