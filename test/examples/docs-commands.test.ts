/**
 * Every `llm-do` command in the Markdown (README.md, docs/*.md, examples/**\/README.md) is
 * checked against reality, so the docs cannot rot silently. The rule:
 *
 * - Each fenced `bash`/`sh`/`shell`/`console` block is read as typed from the repository root;
 *   `cd` moves into a folder for the rest of the block.
 * - Every command must parse with the real CLI parser (an unknown or misspelt flag fails), pass
 *   the CLI's flag-combination and `--set` checks, and give `--model` as `provider:model-id`.
 *   A command that names no file uses a project file: in an example, its folder must have an
 *   `llm-do.yaml`.
 * - A command run in `examples/<name>` is an example command: its files (and a `replay:` file)
 *   must exist there, and it must be one the example tests run (`example-commands.ts`), or the
 *   same files with a real model (no `replay:`), which cannot run offline.
 * - Anywhere else the file names are placeholders of a syntax example, but a path into
 *   `examples/` is refused: examples run from their own folder.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseBatchArguments } from "../../src/cli/batch/parse-batch-arguments.js";
import { parseCliArguments } from "../../src/cli/parse-cli-arguments.js";
import { parseRunnerArguments } from "../../src/cli/runner/parse-runner-arguments.js";
import { selectOutputMode } from "../../src/cli/select-output-mode.js";
import { splitPositionals } from "../../src/cli/split-positionals.js";
import { parseEvalArguments } from "../../src/eval/parse-eval-arguments.js";
import { parseTraceArguments } from "../../src/trace/run-trace-command.js";
import { parseSetOverride } from "../../src/worker/set-override.js";
import { runCli } from "../cli/run-cli.js";
import { allExampleCommands, exampleNames } from "./example-commands.js";
import { argumentsOf, copyExample, REPO_ROOT } from "./example-support.js";
import { llmDoArguments, parseShellCommands } from "./shell-line.js";

/** An `llm-do` command found in a Markdown file. */
interface DocumentedCommand {
  /** `file:line`, for messages. */
  where: string;
  /** The line as written. */
  text: string;
  /** The folder it runs in, relative to the repository root (`.` for the root). */
  cwd: string;
  /** The arguments after `llm-do`. */
  cliArguments: string[];
}

const shellLanguages = new Set(["bash", "sh", "shell", "console", "zsh"]);

function markdownFiles(): string[] {
  const docs = readdirSync(path.join(REPO_ROOT, "docs"))
    .filter((name) => name.endsWith(".md"))
    .map((name) => `docs/${name}`);
  const examples = readdirSync(path.join(REPO_ROOT, "examples"))
    .map((name) => `examples/${name}/README.md`)
    .filter((file) => existsSync(path.join(REPO_ROOT, file)));
  const index = existsSync(path.join(REPO_ROOT, "examples/README.md")) ? ["examples/README.md"] : [];
  return ["README.md", ...docs.sort(), ...index, ...examples.sort()];
}

/** The shell blocks of a Markdown text: logical lines (continuations joined) with line numbers. */
function shellBlocks(markdown: string): { line: number; text: string }[][] {
  const blocks: { line: number; text: string }[][] = [];
  let current: { line: number; text: string }[] | undefined;
  let fence = "";
  let pending: { line: number; text: string } | undefined;
  markdown.split("\n").forEach((raw, index) => {
    const fenceMatch = /^\s*(`{3,}|~{3,})\s*([\w-]*)/.exec(raw);
    if (fence === "" && fenceMatch) {
      fence = fenceMatch[1]!;
      current = shellLanguages.has(fenceMatch[2]!.toLowerCase()) ? [] : undefined;
      return;
    }
    if (fence !== "" && raw.trim().startsWith(fence)) {
      if (current) blocks.push(current);
      fence = "";
      current = undefined;
      return;
    }
    if (!current) return;
    const text = raw.replace(/^\s*\$ /, "");
    if (pending) pending.text += `\n${text}`;
    else pending = { line: index + 1, text };
    if (!text.endsWith("\\")) {
      current.push(pending);
      pending = undefined;
    }
  });
  return blocks;
}

function documentedCommands(): DocumentedCommand[] {
  const found: DocumentedCommand[] = [];
  for (const file of markdownFiles()) {
    const markdown = readFileSync(path.join(REPO_ROOT, file), "utf8");
    for (const block of shellBlocks(markdown)) {
      let cwd = ".";
      for (const { line, text } of block) {
        for (const { words } of parseShellCommands(text)) {
          if (words[0] === "cd" && words[1]) {
            cwd = path.posix.normalize(path.posix.join(cwd, words[1]));
            continue;
          }
          const cliArguments = llmDoArguments(words);
          if (cliArguments) found.push({ where: `${file}:${line}`, text: text.trim(), cwd, cliArguments });
        }
      }
    }
  }
  return found;
}

const commands = documentedCommands();
const modelPattern = /^[a-z][a-z0-9-]*:\S+$/;

function replayFileOf(model: string | undefined): string | undefined {
  return model?.startsWith("replay:") ? model.slice("replay:".length) : undefined;
}

/** The files and the model of a command, or why it names none; undefined for `--help` and the like. */
function filesAndModel(cliArguments: string[]): { files: string[]; model?: string } | string | undefined {
  if (cliArguments[0] === "eval") {
    const command = parseEvalArguments(cliArguments.slice(1));
    if (command.type === "help") return undefined;
    if (command.type === "cases-from") return { files: [command.file] };
    const { files, baselineFiles, cases, model } = command.arguments;
    return { files: [...files, ...baselineFiles, cases], ...(model !== undefined ? { model } : {}) };
  }
  const parsed = parseCliArguments(cliArguments, "0.0.0", { stdout: { write: () => true } });
  if (parsed.type === "exit") return undefined;
  const options = parsed.arguments;
  selectOutputMode({ ...options, stdoutIsTTY: true });
  options.set.forEach(parseSetOverride);
  const { files } = splitPositionals(options.positionals);
  return { files, ...(options.model !== undefined ? { model: options.model } : {}) };
}

/** Checks one command; returns why it is wrong, or undefined. */
function problemWith(command: DocumentedCommand): string | undefined {
  if (command.cliArguments[0] === "trace") {
    parseTraceArguments(command.cliArguments.slice(1));
    return undefined;
  }
  if (command.cliArguments[0] === "batch") return problemWithBatch(command);
  if (command.cliArguments[0] === "runner") {
    const parsed = parseRunnerArguments(command.cliArguments.slice(1), { stdout: { write: () => true } });
    return parsed.type === "run" && parsed.arguments.files.length === 0
      ? "names no .worker or tool file"
      : undefined;
  }
  const named = filesAndModel(command.cliArguments);
  if (named === undefined || typeof named === "string") return named;
  const { files, model } = named;
  if (model !== undefined && !modelPattern.test(model)) {
    return `--model ${model} is not provider:model-id`;
  }
  const replay = replayFileOf(model);
  const example = /^examples\/([^/]+)$/.exec(command.cwd)?.[1];
  if (!example) {
    const intoExamples = [...files, replay ?? ""].find((file) => file.startsWith("examples/"));
    if (intoExamples) return `names ${intoExamples}: run examples from their folder (cd examples/<name>)`;
    return undefined;
  }
  const dir = path.join(REPO_ROOT, command.cwd);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return `runs in ${command.cwd}, which does not exist`;
  if (files.length === 0 && !existsSync(path.join(dir, "llm-do.yaml")))
    return `names no .worker or tool file, and ${command.cwd} has no llm-do.yaml`;
  const missing = [...files, ...(replay ? [replay] : [])].filter((file) => !existsSync(path.join(dir, file)));
  if (missing.length > 0) return `names files missing from ${command.cwd}: ${missing.join(", ")}`;
  const tested = allExampleCommands
    .filter((candidate) => candidate.example === example)
    .map((candidate) => argumentsOf(candidate.line));
  if (tested.some((cliArguments) => JSON.stringify(cliArguments) === JSON.stringify(command.cliArguments)))
    return undefined;
  if (replay) return `is an offline command no test runs: add it to test/examples/example-commands.ts`;
  const sameFiles = tested.some((cliArguments) => {
    const testedNamed = filesAndModel(cliArguments);
    return typeof testedNamed === "object" && JSON.stringify(testedNamed.files) === JSON.stringify(files);
  });
  return sameFiles ? undefined : `uses other files than any tested command of ${example}`;
}

/** Checks an `llm-do batch` command (no example runs one). */
function problemWithBatch(command: DocumentedCommand): string | undefined {
  const parsed = parseBatchArguments(command.cliArguments.slice(1), { stdout: { write: () => true } });
  if (parsed.type === "exit") return undefined;
  const options = parsed.arguments;
  options.set.forEach(parseSetOverride);
  const { files } = splitPositionals(options.positionals);
  if (files.length === 0) return "names no .worker or tool file";
  if (options.model !== undefined && !modelPattern.test(options.model)) {
    return `--model ${options.model} is not provider:model-id`;
  }
  if (command.cwd.startsWith("examples/")) return "runs a batch in an example, which no test runs";
  return undefined;
}

describe("commands in the docs", { timeout: 60_000 }, () => {
  it("finds the commands of README.md, docs/ and every example", () => {
    const where = new Set(commands.map((command) => command.where.split(":")[0]));
    for (const file of ["README.md", "docs/cli.md", "docs/testing.md"]) expect(where).toContain(file);
    // Every example documents an llm-do command, except one that is a program using the library.
    const withCommands = exampleNames.filter((example) =>
      allExampleCommands.some(
        (command) => command.example === example && / llm-do /.test(` ${command.line} `),
      ),
    );
    expect(withCommands).toEqual(exampleNames.filter((example) => example !== "pitchdeck_eval_direct"));
    for (const example of withCommands) expect(where).toContain(`examples/${example}/README.md`);
  });

  it.each(commands.map((command) => [`${command.where}: ${command.text}`, command] as const))(
    "%s",
    (_name, command) => {
      expect(problemWith(command)).toBeUndefined();
    },
  );

  it("refuses what the rule is meant to catch", () => {
    const at = (cwd: string, line: string): DocumentedCommand => ({
      where: "test",
      text: line,
      cwd,
      cliArguments: argumentsOf(line),
    });
    expect(() => problemWith(at(".", "llm-do main.worker --aprove-all go"))).toThrow(
      "unknown option '--aprove-all'",
    );
    expect(() => problemWith(at(".", "llm-do main.worker --approve-all --reject-all go"))).toThrow(
      "Cannot combine",
    );
    expect(problemWith(at(".", "llm-do examples/greeter/main.worker hi"))).toContain(
      "run examples from their folder",
    );
    expect(problemWith(at("examples/greeter", "llm-do mian.worker hi"))).toContain(
      "missing from examples/greeter",
    );
    expect(problemWith(at("examples/greeter", "llm-do main.worker --model replay:demo.replay Hi"))).toContain(
      "no test runs",
    );
    expect(problemWith(at("examples/greeter", 'llm-do main.worker "Tell me a joke"'))).toBeUndefined();
    expect(problemWith(at("examples/calculator", "llm-do main.worker hi"))).toContain("other files");
    expect(() => problemWith(at(".", "llm-do eval main.worker --cases c.yaml --repaet 2"))).toThrow(
      "unknown option '--repaet'",
    );
    expect(problemWith(at(".", "llm-do eval examples/greeter/main.worker --cases c.yaml"))).toContain(
      "run examples from their folder",
    );
    expect(problemWith(at("examples/pitchdeck_evals", "llm-do eval cases-from cases.yaml"))).toContain(
      "other files",
    );
    expect(
      problemWith(
        at(
          "examples/pitchdeck_evals",
          "llm-do eval ../pitchdeck_eval_hardened/main.worker --cases nope.yaml",
        ),
      ),
    ).toContain("missing from examples/pitchdeck_evals: nope.yaml");
    expect(() =>
      problemWith(at(".", "llm-do batch main.worker --inputs items.jsonl --out r.jsonl --concurency 2")),
    ).toThrow("unknown option '--concurency'");
    expect(problemWith(at(".", "llm-do batch --inputs items.jsonl --out r.jsonl"))).toBe(
      "names no .worker or tool file",
    );
    expect(problemWith(at("examples/greeter", "llm-do --model replay:demo.replay hi"))).toContain(
      "has no llm-do.yaml",
    );
  });
});

describe("the examples' own commands", { timeout: 60_000 }, () => {
  it.each(exampleNames)(
    "examples/%s has a README, a demo.replay, and documents its tested commands",
    (example) => {
      const dir = path.join(REPO_ROOT, "examples", example);
      expect(existsSync(path.join(dir, "demo.replay"))).toBe(true);
      const readme = readFileSync(path.join(dir, "README.md"), "utf8");
      for (const command of allExampleCommands.filter((candidate) => candidate.example === example)) {
        expect(readme).toContain(command.line);
      }
    },
  );

  it("has a test for every folder in examples/", () => {
    const folders = readdirSync(path.join(REPO_ROOT, "examples")).filter((name) =>
      statSync(path.join(REPO_ROOT, "examples", name)).isDirectory(),
    );
    expect(folders.sort()).toEqual(exampleNames);
  });
});

describe("the README's quick start", { timeout: 60_000 }, () => {
  const readme = readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
  const section = readme.slice(
    readme.indexOf("## Quick start"),
    readme.indexOf("\n## ", readme.indexOf("## Quick start") + 1),
  );
  const [firstBlock] = shellBlocks(section);
  const setUp = (firstBlock ?? []).filter(({ text }) => text.trim() !== "" && !text.trim().startsWith("#"));

  it("is two commands: run an example offline, run the tests", () => {
    expect(setUp).toHaveLength(2);
    expect(setUp[1]!.text).toMatch(/npm test/);
  });

  it("runs its first command for real (after the install and build it starts with)", async () => {
    const steps = parseShellCommands(setUp[0]!.text).map(({ words }) => words);
    const llmDo = steps.findIndex((words) => llmDoArguments(words) !== undefined);
    expect(steps.slice(0, llmDo)).toEqual([
      ["npm", "install"],
      ["npm", "run", "build"],
      ["cd", expect.stringMatching(/^examples\//)],
    ]);
    const example = steps[llmDo - 1]![1]!.slice("examples/".length);
    const cliArguments = llmDoArguments(steps[llmDo]!)!;
    expect(
      allExampleCommands.some(
        (command) =>
          command.example === example &&
          JSON.stringify(argumentsOf(command.line)) === JSON.stringify(cliArguments),
      ),
    ).toBe(true);

    await using project = await copyExample(example, ["evaluations"]);
    const result = await runCli(cliArguments, { cwd: project.dir });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).not.toBe("");
  });
});
