/**
 * The step of pitchdeck_eval that never needed judgment, hardened into code: finding the decks
 * and deriving each report's file name. The model used to do this with list_files and a rule
 * in its instructions; now it is one deterministic, tested call.
 */
import { readdir } from "node:fs/promises";
import path from "node:path";
import { tool, toolset } from "llm-do";
import { z } from "zod";

/** One pitch deck and where its report goes. */
export interface Pitchdeck {
  /** The PDF, relative to the working directory, e.g. `input/acme.pdf`. */
  file: string;
  /** The file name without `.pdf` as a slug, e.g. `acme`. */
  slug: string;
  /** Where the report is written, e.g. `evaluations/acme.md`. */
  output_path: string;
}

/** `ACME Pitch_v2` -> `acme-pitch-v2`: lower case ASCII letters and digits, joined by `-`. */
export function slugify(text: string): string {
  const slug = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug === "" ? "deck" : slug;
}

/** The PDFs in `directory` (relative to `cwd`), sorted by file name. */
export async function listPitchdecks(cwd: string, directory = "input"): Promise<Pitchdeck[]> {
  const absolute = path.resolve(cwd, directory);
  const relative = path.relative(cwd, absolute);
  if (relative.startsWith("..") || path.isAbsolute(relative)) {
    throw new Error(`${directory} is outside the working directory`);
  }
  const entries = await readdir(absolute, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.toLowerCase().endsWith(".pdf"))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const slug = slugify(name.slice(0, -".pdf".length));
      return {
        file: path.posix.join(relative.split(path.sep).join("/") || ".", name),
        slug,
        output_path: `evaluations/${slug}.md`,
      };
    });
}

export const pitchdeck_tools = toolset({
  list_pitchdecks: tool({
    description:
      "List the pitch decks (PDFs) in a directory, sorted, each with its file path (pass it as the attachment), a slug, and the output_path its report must be written to.",
    inputSchema: z.object({
      path: z.string().default("input").describe("The directory, relative to the working directory"),
    }),
    execute: (input, ctx) => listPitchdecks(ctx.cwd, input.path),
  }),
});
