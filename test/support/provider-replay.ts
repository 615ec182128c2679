/**
 * @module Runs a worker against recorded provider traffic: a temp project with a worker on a real
 * provider model (`anthropic:...`, `openai:...`, `openai-chat:...`, `openai-compatible:...`),
 * tools named as the recording calls them, and the provider's base URL pointed at the fixture
 * server. Retries sleep on a fake clock that records the delays.
 */
import type { RunEvent, RunResult } from "../../src/index.js";
import type { RetryOptions } from "../../src/models/retry-policy.js";
import { tempProject } from "../../src/testing/index.js";
import { collectRun } from "./collect-run.js";
import { type ExchangeTransform, type ReceivedRequest, startFixtureServer } from "./fixture-server.js";
import type { RecordedExchange } from "./provider-fixtures.js";

/** What to replay. */
export interface ReplayOptions {
  /** The recorded responses, in the order the run will request them. */
  exchanges: RecordedExchange[];
  /** The worker's model string. */
  model: string;
  /** Tools the recording calls, by name, with the JSON value each returns. */
  tools?: Record<string, unknown>;
  /** The prompt. */
  input?: string;
  /** Extra worker front matter (YAML lines). */
  frontMatter?: string;
  /** Extra or replacing environment variables. */
  env?: Record<string, string | undefined>;
  /** Retry settings (default: fast fake sleep, jitter 0.5). */
  retry?: RetryOptions;
  /** The worker loop's step limit. */
  maxSteps?: number;
  /** Rewrites exchanges per request (e.g. `anthropicJsonAsStream`). */
  transform?: ExchangeTransform;
}

/** What a replayed run produced. */
export interface ReplayOutcome {
  events: RunEvent[];
  result?: RunResult;
  error?: Error & { code?: string };
  /** The requests the server received. */
  requests: ReceivedRequest[];
  /** Exchanges never requested. */
  unused: number;
  /** The retry delays slept, in milliseconds. */
  sleeps: number[];
}

/** Runs the replay and returns everything it produced. */
export async function replayRun(options: ReplayOptions): Promise<ReplayOutcome> {
  await using server = await startFixtureServer(
    options.exchanges,
    options.transform ? { transform: options.transform } : {},
  );
  const toolNames = Object.keys(options.tools ?? {});
  const toolsets = toolNames.length > 0 ? "toolsets:\n  fixture_tools: {}\n" : "";
  const files: Record<string, string> = {
    "main.worker": `---\nname: main\nmodel: ${options.model}\n${toolsets}${options.frontMatter ?? ""}---\nAnswer the user.\n`,
  };
  if (toolNames.length > 0) files["tools.ts"] = toolFile(options.tools ?? {});
  await using project = await tempProject(files);
  const sleeps: number[] = [];
  const base = `${server.url}/v1`;
  const env: Record<string, string | undefined> = {
    HOME: project.dir,
    ANTHROPIC_API_KEY: "test-anthropic-key",
    ANTHROPIC_BASE_URL: base,
    OPENAI_API_KEY: "test-openai-key",
    OPENAI_BASE_URL: base,
    LLM_DO_OPENAI_COMPATIBLE_BASE_URL: base,
    ...options.env,
  };
  const outcome = await collectRun({
    files: Object.keys(files).map((name) => project.path(name)),
    input: options.input ?? "Go.",
    cwd: project.dir,
    env,
    maxSteps: options.maxSteps ?? 10,
    retry: {
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      random: () => 0.5,
      ...options.retry,
    },
  });
  return { ...outcome, requests: server.requests, unused: server.remaining(), sleeps };
}

function toolFile(tools: Record<string, unknown>): string {
  const entries = Object.entries(tools).map(
    ([name, output]) =>
      `  ${JSON.stringify(name)}: tool({ description: ${JSON.stringify(`The ${name} tool.`)}, inputSchema: z.looseObject({}), execute: () => (${JSON.stringify(output)}) }),`,
  );
  return `import { tool, toolset } from "llm-do";\nimport { z } from "zod";\n\nexport const fixture_tools = toolset({\n${entries.join("\n")}\n});\n`;
}

/** The tool calls the run made, as `name input-json`, in order. */
export function toolCalls(events: readonly RunEvent[]): string[] {
  return events.flatMap((event) =>
    event.type === "call-start" && event.kind === "tool"
      ? [`${event.name} ${JSON.stringify(event.input)}`]
      : [],
  );
}

/** The events of one type. */
export function eventsOf<Type extends RunEvent["type"]>(
  events: readonly RunEvent[],
  type: Type,
): Extract<RunEvent, { type: Type }>[] {
  return events.filter((event): event is Extract<RunEvent, { type: Type }> => event.type === type);
}
