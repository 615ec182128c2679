// The pitch-deck evaluation as a TypeScript program that uses llm-do as a library: no llm-do
// command, no orchestrating worker. The program finds the decks, runs the evaluator worker
// once per deck with run(), watches its events, and writes the reports itself.
//
//   node run.ts                              (a real model: ANTHROPIC_API_KEY)
//   node run.ts --model replay:demo.replay   (offline)
import { mkdir, readdir, writeFile } from "node:fs/promises";
import { run } from "llm-do";

/** `--model X` from the command line, if given. */
function modelArgument(args: readonly string[]): string | undefined {
  const index = args.indexOf("--model");
  return index === -1 ? undefined : args[index + 1];
}

/** `ACME Pitch_v2.pdf` -> `acme-pitch-v2`. */
export function slugOf(file: string): string {
  const slug = file
    .replace(/\.pdf$/i, "")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return slug || "deck";
}

const model = modelArgument(process.argv.slice(2));
const decks = (await readdir("input")).filter((file) => file.toLowerCase().endsWith(".pdf")).sort();
if (decks.length === 0) console.log("No pitch decks found in input/.");
await mkdir("evaluations", { recursive: true });

for (const deck of decks) {
  const handle = run({
    files: ["pitch_evaluator.worker"],
    entry: "pitch_evaluator",
    input: { input: "Evaluate this pitch deck.", attachments: [`input/${deck}`] },
    ...(model ? { model } : {}),
  });
  // Every event of the run, as the llm-do command's own output modes see them.
  for await (const event of handle.events) {
    if (event.type === "call-start") console.error(`${deck}: ${event.path.join(" > ")} started`);
    if (event.type === "call-end") console.error(`${deck}: ${event.path.join(" > ")} ${event.outcome}`);
  }
  const { output, usage } = await handle.result;
  const report = `evaluations/${slugOf(deck)}.md`;
  await writeFile(report, `${String(output).trim()}\n`);
  console.log(`${deck}: report in ${report} (${usage.requests} model request(s))`);
}
