/**
 * @module The file-system operations the filesystem tools use, behind one interface so that
 * tests can make any single step fail (or race) without touching the real disk's behaviour.
 */
import { constants, type Dirent, promises as fs, type Stats } from "node:fs";
import type { FileHandle } from "node:fs/promises";

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
  /**
   * The real path of the open descriptor (read from `/proc/self/fd/N` on Linux). Where the
   * platform cannot tell, the real path of the name it was opened by (a weaker check).
   */
  realPath(): Promise<string>;
  /** Closes the descriptor. */
  close(): Promise<void>;
}

/** Everything the filesystem tools do to the disk. */
export interface FileOperations {
  /** `fs.realpath`: resolves every symlink; rejects when the path does not exist. */
  realpath(path: string): Promise<string>;
  /** `fs.lstat`: metadata without following a final symlink. */
  lstat(path: string): Promise<Stats>;
  /** `fs.stat`: metadata, following symlinks. */
  stat(path: string): Promise<Stats>;
  /** `fs.readlink`: the target a symlink stores. */
  readlink(path: string): Promise<string>;
  /** The entries of a directory, with their types (symlinks are not followed). */
  readdir(path: string): Promise<Dirent[]>;
  /** Creates a directory and any missing parents; succeeds when it exists. */
  mkdir(path: string): Promise<void>;
  /** Opens a file for reading, without blocking on a FIFO. */
  openForReading(path: string): Promise<OpenFile>;
  /** Creates a new file for writing; fails if anything, even a dangling symlink, exists at `path`. */
  createExclusive(path: string): Promise<OpenFile>;
  /** Renames `from` to `to`, replacing `to` (a symlink at `to` is replaced, not followed). */
  rename(from: string, to: string): Promise<void>;
  /** Removes a file. */
  unlink(path: string): Promise<void>;
}

function wrapHandle(handle: FileHandle, openedPath: string): OpenFile {
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
    realPath: async () => {
      try {
        return await fs.readlink(`/proc/self/fd/${handle.fd}`);
      } catch {
        return await fs.realpath(openedPath);
      }
    },
    close: () => handle.close(),
  };
}

/** The real file system (`node:fs/promises`). */
export const nodeFileOperations: FileOperations = {
  realpath: (path) => fs.realpath(path),
  lstat: (path) => fs.lstat(path),
  stat: (path) => fs.stat(path),
  readlink: (path) => fs.readlink(path),
  readdir: (path) => fs.readdir(path, { withFileTypes: true }),
  mkdir: async (path) => {
    await fs.mkdir(path, { recursive: true });
  },
  openForReading: async (path) =>
    wrapHandle(await fs.open(path, constants.O_RDONLY | constants.O_NONBLOCK), path),
  createExclusive: async (path) =>
    wrapHandle(
      await fs.open(
        path,
        constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
        0o666,
      ),
      path,
    ),
  rename: (from, to) => fs.rename(from, to),
  unlink: (path) => fs.unlink(path),
};
