import { isAbsolute, relative, sep } from "node:path";

/**
 * True when `target` is `base` itself or lies beneath it. Both must be absolute and already
 * normalised (real paths); this is a pure string check.
 */
export function isInside(base: string, target: string): boolean {
  const path = relative(base, target);
  if (path === "") return true;
  return path !== ".." && !path.startsWith(`..${sep}`) && !isAbsolute(path);
}
