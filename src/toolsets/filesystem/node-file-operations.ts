/**
 * @module The real {@link FileOperations} over `node:fs`. Node has no `openat()`, so on Linux an
 * entry `name` of an open directory is reached as `/proc/self/fd/<fd>/<name>`: the kernel jumps
 * to the open directory itself (not to whatever its old path names now) and looks `name` up in
 * it. Where `/proc` is missing (macOS, BSDs, containers without it) the entry is reached by the
 * directory's path, re-checked before and after each operation: a weaker guard that narrows the
 * window for a swap but cannot close it (docs/security.md, "Filesystem tools").
 */
import { constants, promises as fs, type Stats } from "node:fs";
import type { FileHandle } from "node:fs/promises";
import { join } from "node:path";
import type { Directory, FileOperations, OpenFile } from "./file-operations.js";

/** How entries of an open directory are reached: through `/proc/self/fd`, or by path with re-checks. */
export type EntryLocator = "proc-fd" | "path";

const directoryFlags = constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW;
const readFlags = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW;
const createFlags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

function wrapFile(handle: FileHandle): OpenFile {
  // `FileHandle` has no seek: after `seek`, reads pass an explicit position and advance it here.
  let position: number | null = null;
  return {
    read: async (buffer) => {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
      if (position !== null) position += bytesRead;
      return bytesRead;
    },
    seek: (to) => {
      position = to;
    },
    write: async (text) => {
      await handle.writeFile(text, "utf8");
    },
    sync: () => handle.sync(),
    chmod: (mode) => handle.chmod(mode),
    stat: () => handle.stat(),
    close: () => handle.close(),
  };
}

function wrapDirectory(handle: FileHandle, path: string): Directory {
  return { path, fd: handle.fd, stat: () => handle.stat(), close: () => handle.close() };
}

function isSameFile(first: Stats, second: Stats): boolean {
  return first.dev === second.dev && first.ino === second.ino;
}

function changedError(path: string): Error {
  return Object.assign(new Error(`${path} was moved or replaced while in use`), { code: "ECHANGED" });
}

/** Path mode: the directory's path must still be its real path and still name the open handle. */
async function verifyDirectory(directory: Directory): Promise<void> {
  const [real, onDisk, opened] = await Promise.all([
    fs.realpath(directory.path),
    fs.lstat(directory.path),
    directory.stat(),
  ]);
  if (real !== directory.path || !isSameFile(onDisk, opened)) throw changedError(directory.path);
}

/** Path mode: after opening `path`, the handle must be what the path names now. */
async function verifyOpened(handle: FileHandle, path: string): Promise<void> {
  const [onDisk, opened] = await Promise.all([fs.lstat(path), handle.stat()]);
  if (!isSameFile(onDisk, opened)) throw changedError(path);
}

/** Whether `/proc/self/fd/<fd>` leads to the open directory itself (false where there is no `/proc`). */
async function hasProcFd(directory: Directory): Promise<boolean> {
  try {
    return isSameFile(await fs.stat(`/proc/self/fd/${directory.fd}`), await directory.stat());
  } catch {
    return false;
  }
}

/**
 * The real file system. With `locator` undefined, the first `openBase` probes whether
 * `/proc/self/fd` works and uses `"proc-fd"` if it does, `"path"` otherwise; tests pass
 * `"path"` to run the fallback on Linux.
 */
export function createNodeFileOperations(locator?: EntryLocator): FileOperations {
  let chosen = locator;
  const isProcFd = () => chosen === "proc-fd";
  const entryPath = async (parent: Directory, name: string): Promise<string> => {
    if (isProcFd()) return `/proc/self/fd/${parent.fd}/${name}`;
    await verifyDirectory(parent);
    return join(parent.path, name);
  };
  const openAt = async (parent: Directory, name: string, flags: number, mode?: number) => {
    const path = await entryPath(parent, name);
    const handle = await fs.open(path, flags, mode);
    if (!isProcFd()) {
      try {
        await verifyOpened(handle, path);
      } catch (error) {
        await handle.close();
        throw error;
      }
    }
    return handle;
  };
  return {
    openBase: async (path) => {
      const directory = wrapDirectory(await fs.open(path, directoryFlags), path);
      chosen ??= (await hasProcFd(directory)) ? "proc-fd" : "path";
      return directory;
    },
    openDirectory: async (parent, name) =>
      wrapDirectory(await openAt(parent, name, directoryFlags), join(parent.path, name)),
    lstat: async (parent, name) => fs.lstat(await entryPath(parent, name)),
    readlink: async (parent, name) => fs.readlink(await entryPath(parent, name)),
    readdir: async (directory) => fs.readdir(await entryPath(directory, ""), { withFileTypes: true }),
    mkdir: async (parent, name) => {
      await fs.mkdir(await entryPath(parent, name));
    },
    openFile: async (parent, name) => wrapFile(await openAt(parent, name, readFlags)),
    createExclusive: async (parent, name) => wrapFile(await openAt(parent, name, createFlags, 0o666)),
    rename: async (parent, from, to) => {
      await fs.rename(await entryPath(parent, from), await entryPath(parent, to));
    },
    unlink: async (parent, name) => fs.unlink(await entryPath(parent, name)),
    realpath: (path) => fs.realpath(path),
    stat: (path) => fs.stat(path),
  };
}

/** The real file system, `/proc/self/fd` where it works. */
export const nodeFileOperations: FileOperations = createNodeFileOperations();
