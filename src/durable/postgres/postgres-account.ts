/**
 * @module Which operating-system account llm-do's own Postgres runs as. Postgres refuses to run
 * as root, so a root llm-do (CI, containers) runs it as the unprivileged `nobody` account, which
 * every Linux and macOS system has. Any other user runs it as themselves.
 */
import { statSync } from "node:fs";
import path from "node:path";
import { ConfigError } from "../../errors.js";

/** The account Postgres runs as. */
export type PostgresAccount =
  | { type: "current" }
  | { type: "unprivileged"; name: string; uid: number; gid: number };

/** The account root hands Postgres to. */
export const UNPRIVILEGED_ACCOUNT = "nobody";

/**
 * Chooses the account from the current user id (undefined on Windows) and the text of
 * `/etc/passwd` (read only when running as root). Contract: throws a ConfigError when running
 * as root and there is no `nobody` account.
 */
export function choosePostgresAccount(uid: number | undefined, readPasswd: () => string): PostgresAccount {
  if (uid !== 0) return { type: "current" };
  const entry = readPasswd()
    .split("\n")
    .map((line) => line.split(":"))
    .find((fields) => fields[0] === UNPRIVILEGED_ACCOUNT);
  const accountUid = Number(entry?.[2]);
  const accountGid = Number(entry?.[3]);
  if (!entry || !Number.isSafeInteger(accountUid) || !Number.isSafeInteger(accountGid)) {
    throw new ConfigError(
      `llm-do runs as root, Postgres refuses to, and there is no '${UNPRIVILEGED_ACCOUNT}' account in /etc/passwd to run it as: run llm-do as another user, or point --database-url (or LLM_DO_DATABASE_URL) at a Postgres`,
    );
  }
  return { type: "unprivileged", name: UNPRIVILEGED_ACCOUNT, uid: accountUid, gid: accountGid };
}

/** The fields of a directory's status that decide who may enter it. */
export interface DirectoryMode {
  mode: number;
  uid: number;
  gid: number;
}

/**
 * The first directory from the root down to `directory` that `account` may not enter (no
 * execute permission for it), or undefined when it can reach `directory`.
 */
export function findBlockedDirectory(
  directory: string,
  account: PostgresAccount,
  stat: (directory: string) => DirectoryMode = statSync,
): string | undefined {
  if (account.type === "current") return undefined;
  const chain: string[] = [];
  for (let current = path.resolve(directory); ; current = path.dirname(current)) {
    chain.unshift(current);
    if (path.dirname(current) === current) break;
  }
  return chain.find((entry) => !canEnter(stat(entry), account));
}

function canEnter(status: DirectoryMode, account: { uid: number; gid: number }): boolean {
  if (status.uid === account.uid) return (status.mode & 0o100) !== 0;
  if (status.gid === account.gid) return (status.mode & 0o010) !== 0;
  return (status.mode & 0o001) !== 0;
}
