/**
 * @module Where OAuth credentials live: a JSON file keyed by provider, written atomically with
 * owner-only permissions.
 */
import { randomUUID } from "node:crypto";
import * as nodeFs from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { ConfigError, errorMessage } from "../errors.js";
import {
  type OAuthCredentials,
  parseStoredCredentials,
  type StoredCredentials,
} from "./oauth-credentials.js";

/** Reads and writes credentials by provider. */
export interface TokenStore {
  /** Every provider's credentials. Never throws for a missing or broken file: that is empty. */
  load(): Promise<StoredCredentials>;
  /** One provider's credentials, if stored. */
  get(provider: string): Promise<OAuthCredentials | undefined>;
  /** Stores one provider's credentials, keeping the others. */
  set(provider: string, credentials: OAuthCredentials): Promise<void>;
  /** Removes one provider's credentials; false when there were none. */
  remove(provider: string): Promise<boolean>;
}

/** The whole-file operations a store is built on. */
export interface TokenStoreBackend {
  /** Reads every provider's credentials. */
  load(): Promise<StoredCredentials>;
  /** Replaces every provider's credentials. */
  save(credentials: StoredCredentials): Promise<void>;
}

/** Builds the per-provider operations of a {@link TokenStore} on whole-file load and save. */
export function createTokenStore(backend: TokenStoreBackend): TokenStore {
  return {
    load: () => backend.load(),
    async get(provider) {
      const all = await backend.load();
      return Object.hasOwn(all, provider) ? all[provider] : undefined;
    },
    async set(provider, credentials) {
      const all = await backend.load();
      all[provider] = credentials;
      await backend.save(all);
    },
    async remove(provider) {
      const all = await backend.load();
      if (!Object.hasOwn(all, provider)) return false;
      delete all[provider];
      await backend.save(all);
      return true;
    },
  };
}

/** The file handle operations used to write the temporary file. */
export interface TokenFileHandle {
  /** Writes the whole content. */
  writeFile(data: string, encoding: "utf8"): Promise<void>;
  /** Flushes to disk. */
  sync(): Promise<void>;
  /** Closes the handle. */
  close(): Promise<void>;
}

/** The filesystem operations a file store uses; `node:fs/promises` satisfies it. */
export interface TokenStoreFileSystem {
  /** Reads a file as text. */
  readFile(path: string, encoding: "utf8"): Promise<string>;
  /** Creates a directory and its parents. */
  mkdir(path: string, options: { recursive: true; mode: number }): Promise<unknown>;
  /** Opens a file (here always a new one: flags `wx`). */
  open(path: string, flags: string, mode: number): Promise<TokenFileHandle>;
  /** Renames a file, replacing the target. */
  rename(from: string, to: string): Promise<void>;
  /** Removes a file. */
  rm(path: string, options: { force: true }): Promise<void>;
}

/** Options for {@link createFileTokenStore}. */
export interface FileTokenStoreOptions {
  /** The credentials file, e.g. `~/.llm-do/oauth.json` (see `resolveTokenStorePath`). */
  path: string;
  /** Filesystem operations; defaults to `node:fs/promises`. */
  fs?: TokenStoreFileSystem;
}

/**
 * A store backed by one JSON file (§6.4).
 *
 * Contract: the directory is created with mode 0700 when missing; every save writes a new file
 * with mode 0600 in the same directory, flushes it, and renames it over the old one, so a failed
 * save leaves the previous file intact and no temporary file behind. A failed save throws
 * `ConfigError` `Could not write OAuth credentials to <path>: <reason>`.
 */
export function createFileTokenStore(options: FileTokenStoreOptions): TokenStore {
  const fs = options.fs ?? nodeFs;
  const { path } = options;
  return createTokenStore({
    load: () => loadCredentialsFile(fs, path),
    save: (credentials) => saveCredentialsFile(fs, path, credentials),
  });
}

async function loadCredentialsFile(fs: TokenStoreFileSystem, path: string): Promise<StoredCredentials> {
  let text: string;
  try {
    text = await fs.readFile(path, "utf8");
  } catch {
    return parseStoredCredentials(undefined);
  }
  try {
    return parseStoredCredentials(JSON.parse(text));
  } catch {
    return parseStoredCredentials(undefined);
  }
}

async function saveCredentialsFile(
  fs: TokenStoreFileSystem,
  path: string,
  credentials: StoredCredentials,
): Promise<void> {
  const directory = dirname(path);
  const temporaryPath = join(directory, `.${basename(path)}.${randomUUID()}.tmp`);
  try {
    await fs.mkdir(directory, { recursive: true, mode: 0o700 });
    await writeNewFile(fs, temporaryPath, `${JSON.stringify(credentials, null, 2)}\n`);
    await fs.rename(temporaryPath, path);
  } catch (error) {
    await fs.rm(temporaryPath, { force: true }).catch(() => {});
    throw new ConfigError(`Could not write OAuth credentials to ${path}: ${errorMessage(error)}`, {
      cause: error,
    });
  }
}

async function writeNewFile(fs: TokenStoreFileSystem, path: string, content: string): Promise<void> {
  const handle = await fs.open(path, "wx", 0o600);
  try {
    await handle.writeFile(content, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
}
