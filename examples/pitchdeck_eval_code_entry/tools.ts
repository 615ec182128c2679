/**
 * Full hardening: the orchestrator is TypeScript. The loop over the decks, the file names and
 * the writes are ordinary code; the model is used only where judgment is needed, inside
 * pitch_evaluator. Run with `--entry main`: the tool `main` below is the entry.
 */
import { mkdir, readdir, writeFile } from "node:fs/promises";
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

/**
 * The PDFs in `directory` (relative to `cwd`), sorted by file name. The same function as the
 * `list_pitchdecks` tool of pitchdeck_eval_hardened; here plain code calls it directly.
 */
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

export const pitchdeck_pipeline = toolset({
  main: tool({
    description: "Evaluate every pitch deck in input/ and write evaluations/<slug>.md for each.",
    inputSchema: z.object({ input: z.string() }),
    execute: async (_input, ctx) => {
      const decks = await listPitchdecks(ctx.cwd, "input");
      if (decks.length === 0) return "No pitch decks found in input/.";
      for (const deck of decks) {
        // The same call the orchestrating model made in pitchdeck_eval and _hardened.
        const report = await ctx.call<string>("pitch_evaluator", {
          input: "Evaluate this pitch deck.",
          attachments: [deck.file],
        });
        const output = path.join(ctx.cwd, deck.output_path);
        await mkdir(path.dirname(output), { recursive: true });
        await writeFile(output, `${report.trimEnd()}\n`);
      }
      return `Evaluated ${decks.length} pitch deck(s): ${decks.map((deck) => deck.slug).join(", ")}`;
    },
  }),
});
