/**
 * @module The file-system operations the filesystem tools use, behind one interface so that
 * tests can make any single step fail (or race) without touching the real disk's behaviour, and
 * the real implementation over `node:fs`. Every operation on an entry names it by a directory
 * handle and a single name in it, so the tools walk from the base directory one component at a
 * time (see `with-entry.ts`).
 *
 * Node has no `openat()`, so on Linux an entry `name` of an open directory is reached as
 * `/proc/self/fd/<fd>/<name>`: the kernel jumps to the open directory itself (not to whatever its
 * old path names now) and looks `name` up in it. Where `/proc` is missing (macOS, BSDs,
 * containers without it) the entry is reached by the directory's path, re-checked before and
 * after each operation: a weaker guard that narrows the window for a swap but cannot close it
 * (docs/security.md, "Filesystem tools").
 */
import { constants, type Dirent, promises as fs, type Stats } from "node:fs";
import type { FileHandle } from "node:fs/promises";
import { join } from "node:path";

/** An open directory (a handle opened without following a symlink at its name). */
export interface Directory {
  /** The real path it had when it was opened, for messages and the weaker path checks. */
  readonly path: string;
  /** The descriptor; operations on its entries go through it. */
  readonly fd: number;
  /** The open directory's metadata (`fstat`). */
  stat(): Promise<Stats>;
  /** Closes the descriptor. */
  close(): Promise<void>;
}

/** A file opened by {@link FileOperations}. */
export interface OpenFile {
  /** Reads up to `buffer.length` bytes from the current position; resolves to the count (0 at the end). */
  read(buffer: Uint8Array): Promise<number>;
  /** Moves where the next `read` starts to `position` bytes from the start of the file. */
  seek(position: number): void;
  /** Writes the whole string as UTF-8 at the current position. */
  write(text: string): Promise<void>;
  /** Flushes the file's data to disk (`fsync`). */
  sync(): Promise<void>;
  /** Sets the permission bits. */
  chmod(mode: number): Promise<void>;
  /** The open file's metadata (`fstat`). */
  stat(): Promise<Stats>;
  /** Closes the descriptor. */
  close(): Promise<void>;
}

/**
 * Everything the filesystem tools do to the disk. `name` is always one path component (no `/`,
 * never `..`; `.` only where noted). No operation follows a symlink at `name`.
 */
export interface FileOperations {
  /** Opens the base directory (a real path); rejects when it is a symlink or not a directory. */
  openBase(path: string): Promise<Directory>;
  /**
   * Opens the directory `name` in `parent` (`.`: `parent` again). Rejects with `ENOTDIR` or
   * `ELOOP` when it is a symlink or not a directory, `ENOENT` when nothing is there.
   */
  openDirectory(parent: Directory, name: string): Promise<Directory>;
  /** The metadata of the entry itself (a symlink is described, not followed). */
  lstat(parent: Directory, name: string): Promise<Stats>;
  /** The target a symlink stores. */
  readlink(parent: Directory, name: string): Promise<string>;
  /** The entries of a directory, with their types. */
  readdir(directory: Directory): Promise<Dirent[]>;
  /** Creates one directory; rejects with `EEXIST` when anything (even a symlink) is there. */
  mkdir(parent: Directory, name: string): Promise<void>;
  /** Opens a file (or `.`) for reading without blocking on a FIFO; rejects with `ELOOP` on a symlink. */
  openFile(parent: Directory, name: string): Promise<OpenFile>;
  /** Creates a new file for writing; fails if anything, even a dangling symlink, is there. */
  createExclusive(parent: Directory, name: string): Promise<OpenFile>;
  /** Renames `from` to `to` within `parent`, replacing `to` (a symlink at `to` is replaced). */
  rename(parent: Directory, from: string, to: string): Promise<void>;
  /** Removes a file (or symlink). */
  unlink(parent: Directory, name: string): Promise<void>;
  /** `fs.realpath` of a whole path: for the base directory and absolute paths that reach it by an alias. */
  realpath(path: string): Promise<string>;
  /** `fs.stat` of a whole path, following symlinks: for the base directory. */
  stat(path: string): Promise<Stats>;
}

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
