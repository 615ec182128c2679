/**
 * @module The temporary directories the filesystem tools' tests confine paths to: a base, and a
 * sibling outside it that no call may reach.
 */
import { mkdir, mkdtemp, realpath } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A fresh temporary directory (a real path) and the two directories in it. */
export interface TempBase {
  /** The temporary directory; remove it after the test. */
  root: string;
  /** `<root>/base`, created empty. */
  base: string;
  /** `<root>/outside`, created empty. */
  outside: string;
}

/** Creates `<tmp>/<prefix>XXXXXX/{base,outside}`, resolving symlinks in the temporary directory. */
export async function createTempBase(prefix: string): Promise<TempBase> {
  const root = await realpath(await mkdtemp(join(tmpdir(), prefix)));
  const base = join(root, "base");
  const outside = join(root, "outside");
  await mkdir(base);
  await mkdir(outside);
  return { root, base, outside };
}
