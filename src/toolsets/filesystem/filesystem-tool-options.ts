import type { FileOperations } from "./file-operations.js";

/** What each filesystem tool is built from. */
export interface FilesystemToolOptions {
  /** The base directory every path is confined to: absolute and already a real path. */
  base: string;
  /** Whether calls need approval (otherwise they are pre-approved). */
  requireApproval: boolean;
  /** The file system (default: the real one). */
  operations?: FileOperations;
}
