/**
 * @module Runs an example the way its README says, in a temporary copy of its folder (so the
 * files it writes do not dirty the repository), through the built `llm-do` command.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdir, rm, symlink } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { Project, RunEvent } from "../../src/index.js";
import { type TempProject, tempProject } from "../../src/testing/index.js";
import { type CliResult, runCli } from "../cli/run-cli.js";
import type { ExampleCommand } from "./example-commands.js";
import { llmDoArguments, parseShellCommands } from "./shell-line.js";

const run = promisify(execFile);

/** The repository's root. */
export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The folder of an example in the repository. */
export function exampleDir(example: string): string {
  return path.join(REPO_ROOT, "examples", example);
}

/**
 * A temporary copy of `examples/<example>`, without the outputs a previous run in the
 * repository may have left (`outputs`, relative to the folder).
 */
export async function copyExample(example: string, outputs: readonly string[] = []): Promise<TempProject> {
  const project = await tempProject();
  await cp(exampleDir(example), project.dir, { recursive: true });
  for (const output of outputs) await rm(project.path(output), { recursive: true, force: true });
  return project;
}

/** The `llm-do` arguments of a documented line (the part after `npx llm-do`). */
export function argumentsOf(line: string): string[] {
  for (const command of parseShellCommands(line)) {
    const cliArguments = llmDoArguments(command.words);
    if (cliArguments) return cliArguments;
  }
  throw new Error(`no llm-do command in: ${line}`);
}

/** Options of {@link runDocumented}. */
export interface RunDocumentedOptions {
  /** Arguments added after the documented ones (e.g. `--json`). */
  extraArguments?: readonly string[];
  /** Environment variables on top of `PATH` and `HOME`. */
  env?: Record<string, string>;
}

/**
 * Runs a documented line in `dir`: `./script.sh` steps with bash, the `llm-do` command with the
 * repository's `bin/llm-do.js` (stdout and stderr are pipes, so the run is headless, as in a
 * script). Other commands on the line (`cat`, `ls`) are the reader's, not run.
 */
export async function runDocumented(
  command: ExampleCommand,
  dir: string,
  options: RunDocumentedOptions = {},
): Promise<CliResult> {
  for (const { words } of parseShellCommands(command.line)) {
    if (await runScriptStep(words, dir)) continue;
    const program = nodeProgramArguments(words);
    if (program) return runNodeProgram(program, dir, options.env);
    const cliArguments = llmDoArguments(words);
    if (cliArguments) {
      return runCli([...cliArguments, ...(options.extraArguments ?? [])], {
        cwd: dir,
        ...(options.env ? { env: options.env } : {}),
      });
    }
  }
  throw new Error(`no llm-do command in: ${command.line}`);
}

/** The arguments of `node ...` or `npx node ...` (the program and its arguments), else undefined. */
function nodeProgramArguments(words: readonly string[]): string[] | undefined {
  const start = words[0] === "npx" ? 1 : 0;
  return words[start] === "node" && words.length > start + 1 ? words.slice(start + 1) : undefined;
}

/**
 * Runs a program with the Node running the tests, in `dir`, with a clean environment. A copy of
 * an example lives outside the repository, so `llm-do` is linked into its `node_modules` as an
 * installed package would be.
 */
async function runNodeProgram(
  programArguments: readonly string[],
  dir: string,
  env: Record<string, string> = {},
): Promise<CliResult> {
  const link = path.join(dir, "node_modules", "llm-do");
  if (!existsSync(link)) {
    await mkdir(path.dirname(link), { recursive: true });
    await symlink(REPO_ROOT, link, "dir");
  }
  return run(process.execPath, [...programArguments], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? "", HOME: dir, ...env },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({
      code: typeof error.code === "number" ? error.code : 1,
      stdout: error.stdout ?? "",
      stderr: error.stderr ?? "",
    }),
  );
}

/** Runs only the `./script.sh` steps of a documented line (e.g. `./reset.sh`). */
export async function runSetupSteps(command: ExampleCommand, dir: string): Promise<void> {
  for (const { words } of parseShellCommands(command.line)) await runScriptStep(words, dir);
}

async function runScriptStep(words: readonly string[], dir: string): Promise<boolean> {
  const [program, ...rest] = words;
  if (!program?.startsWith("./") || !program.endsWith(".sh")) return false;
  await run("bash", [program, ...rest], { cwd: dir });
  return true;
}

/** The NDJSON records of a `--json` run's stderr, as events. */
export function eventsOf(result: CliResult): RunEvent[] {
  return result.stderr
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as RunEvent)
    .filter((event) => typeof event.type === "string");
}

/** Every event of one type. */
export function eventsOfType<Type extends RunEvent["type"]>(
  events: readonly RunEvent[],
  type: Type,
): Extract<RunEvent, { type: Type }>[] {
  return events.filter((event): event is Extract<RunEvent, { type: Type }> => event.type === type);
}

/** The `call-end` events of calls named `name`, in the order the calls started. */
export function callEnds(events: readonly RunEvent[], name: string) {
  const ends = new Map(eventsOfType(events, "call-end").map((event) => [event.callId, event]));
  return eventsOfType(events, "call-start")
    .filter((event) => event.name === name)
    .map((event) => ends.get(event.callId)!);
}

/** The `call-start` events of calls named `name`, in order. */
export function callStarts(events: readonly RunEvent[], name: string) {
  return eventsOfType(events, "call-start").filter((event) => event.name === name);
}

/**
 * Loads an example's files as the CLI would, from its folder in the repository. Uses the built
 * llm-do (`dist/`, which the CLI runs too), so tool files import plain JavaScript.
 */
export async function loadExample(example: string, files: readonly string[]): Promise<Project> {
  const built = new URL("../../dist/index.js", import.meta.url).href;
  const { loadProject } = (await import(built)) as typeof import("../../src/index.js");
  return loadProject({ files, cwd: exampleDir(example) });
}

/** The exports of a tool file of a loaded project. */
export function moduleOf(project: Project, example: string, file: string): Record<string, unknown> {
  const exports = project.modules.get(path.join(exampleDir(example), file));
  if (!exports) throw new Error(`${file} was not loaded`);
  return exports;
}

/** The names of the tools of an exported toolset, sorted. */
export function toolNames(project: Project, toolset: string): string[] {
  const exported = project.registry.toolsets.get(toolset);
  if (!exported) throw new Error(`no toolset '${toolset}'`);
  return Object.keys(exported.toolset.tools).sort();
}

/** A worker's `toolsets:` keys, in file order. */
export function toolsetNames(project: Project, worker: string): string[] {
  const definition = project.registry.workers.get(worker);
  if (!definition) throw new Error(`no worker '${worker}'`);
  return definition.toolsets.map((reference) => reference.name);
}
