import { z } from "zod";

/** The `filesystem` toolset's configuration in a worker's front matter. Unknown keys are rejected. */
export const FilesystemConfig = z.strictObject({
  base_dir: z
    .string()
    .optional()
    .describe(
      "The directory paths are confined to, relative to the working directory (default: the working directory)",
    ),
  read_approval: z.boolean().default(false).describe("Whether read_file and list_files need approval"),
  write_approval: z.boolean().default(true).describe("Whether write_file needs approval"),
  read_only: z.boolean().default(false).describe("Whether to leave out write_file"),
});
/** The `filesystem` toolset's configuration, defaults applied. */
export type FilesystemConfig = z.infer<typeof FilesystemConfig>;
