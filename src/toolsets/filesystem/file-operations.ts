/**
 * @module The file-system operations the filesystem tools use, behind one interface so that
 * tests can make any single step fail (or race) without touching the real disk's behaviour.
 * Every operation on an entry names it by a directory handle and a single name in it, so the
 * tools walk from the base directory one component at a time (see `with-entry.ts`).
 */
import type { Dirent, Stats } from "node:fs";

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
