/**
 * @module A created worker as the text of a `.worker` file: front matter written by the `yaml`
 * package (so no value can end it early), then the instructions.
 */
import { stringify } from "yaml";

/** What a created worker's file holds. */
export interface WorkerFileContent {
  name: string;
  description?: string | undefined;
  model?: string | undefined;
  /** Toolset entries in order, each with its configuration as the creator has it. */
  toolsets: readonly { name: string; config: Record<string, unknown> }[];
  schemaIn?: Record<string, unknown> | undefined;
  schemaOut?: Record<string, unknown> | undefined;
  instructions: string;
}

/** The file text: `---`, the front matter, `---`, the instructions (trimmed). */
export function renderWorkerFile(content: WorkerFileContent): string {
  const frontMatter: Record<string, unknown> = { name: content.name };
  if (content.description !== undefined) frontMatter.description = content.description;
  if (content.model !== undefined) frontMatter.model = content.model;
  if (content.toolsets.length > 0) {
    frontMatter.toolsets = Object.fromEntries(content.toolsets.map(({ name, config }) => [name, config]));
  }
  if (content.schemaIn !== undefined) frontMatter.schema_in = content.schemaIn;
  if (content.schemaOut !== undefined) frontMatter.schema_out = content.schemaOut;
  const yaml = stringify(frontMatter, { lineWidth: 0, aliasDuplicateObjects: false });
  return `---\n${yaml}---\n${content.instructions.trim()}\n`;
}
