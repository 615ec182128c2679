import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { describe, expect, test } from "vitest";
import { main } from "../../src/cli/main.js";
import { tempProject } from "../../src/testing/index.js";

interface ExportedSpan {
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  kind: number;
  attributes: Array<{ key: string; value: Record<string, unknown> }>;
}

async function collector() {
  const bodies: Array<{ headers: Record<string, unknown>; body: unknown }> = [];
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    bodies.push({ headers: request.headers, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) });
    response.writeHead(200, { "content-type": "application/json" }).end("{}");
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bodies,
    [Symbol.asyncDispose]: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function io(cwd: string, env: Record<string, string>) {
  let stdout = "";
  let stderr = "";
  return {
    io: {
      stdin: Readable.from([]),
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      env,
      cwd,
      stdinIsTTY: false,
      stdoutIsTTY: false,
    },
    output: () => ({ stdout, stderr }),
  };
}

const WORKER = "---\nname: main\nmodel: builtin:echo\n---\nEcho.\n";

describe("OpenTelemetry export (OTLP/HTTP JSON)", () => {
  test("with OTEL_EXPORTER_OTLP_ENDPOINT set, the run's spans reach the collector", async () => {
    await using server = await collector();
    await using project = await tempProject({ "main.worker": WORKER });
    const { io: cliIo, output } = io(project.dir, {
      OTEL_EXPORTER_OTLP_ENDPOINT: server.endpoint,
      OTEL_EXPORTER_OTLP_HEADERS: "authorization=Bearer%20secret",
      OTEL_SERVICE_NAME: "demo",
    });
    expect(await main(["main.worker", "hello", "--headless"], cliIo)).toBe(0);
    expect(output().stdout).toBe("Echo: hello\n");
    expect(server.bodies).toHaveLength(1);
    const { headers, body } = server.bodies[0]!;
    expect(headers.authorization).toBe("Bearer secret");
    const resource = (
      body as { resourceSpans: Array<{ resource: unknown; scopeSpans: Array<{ spans: ExportedSpan[] }> }> }
    ).resourceSpans[0]!;
    expect((resource.resource as { attributes: unknown[] }).attributes).toContainEqual({
      key: "service.name",
      value: { stringValue: "demo" },
    });
    const spans = resource.scopeSpans[0]!.spans;
    const byName = new Map(spans.map((span) => [span.name, span]));
    expect([...byName.keys()].sort()).toEqual(["chat echo", "invoke_agent main", "invoke_workflow main"]);
    const run = byName.get("invoke_workflow main")!;
    const agent = byName.get("invoke_agent main")!;
    const chat = byName.get("chat echo")!;
    expect(agent.parentSpanId).toBe(run.spanId);
    expect(chat.parentSpanId).toBe(agent.spanId);
    expect(new Set(spans.map((span) => span.traceId)).size).toBe(1);
    expect(chat.kind).toBe(3);
    expect(chat.attributes).toContainEqual({ key: "gen_ai.operation.name", value: { stringValue: "chat" } });
    expect(chat.attributes).toContainEqual({
      key: "gen_ai.provider.name",
      value: { stringValue: "builtin" },
    });
  });

  test("without an endpoint nothing is sent", async () => {
    await using server = await collector();
    await using project = await tempProject({ "main.worker": WORKER });
    const { io: cliIo } = io(project.dir, {});
    expect(await main(["main.worker", "hello", "--headless"], cliIo)).toBe(0);
    expect(server.bodies).toHaveLength(0);
  });

  test("a collector that cannot be reached is a warning, not a failure, after the export timeout", async () => {
    await using project = await tempProject({ "main.worker": WORKER });
    const { io: cliIo, output } = io(project.dir, {
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://127.0.0.1:9/v1/traces",
      // The exporter retries a refused connection with backoff until this timeout (default 10 s).
      OTEL_EXPORTER_OTLP_TIMEOUT: "300",
    });
    expect(await main(["main.worker", "hello", "--headless"], cliIo)).toBe(0);
    expect(output().stderr).toMatch(
      /^Warning: cannot send spans to http:\/\/127\.0\.0\.1:9\/v1\/traces: [^\n]+\n$/,
    );
  });

  test("a run ended by Ctrl+C still sends its spans before main returns", async () => {
    const WAITER = `import { tool, toolset } from "llm-do";
import { z } from "zod";
export const waiting = toolset({
  wait: tool({
    description: "Waits until the run is cancelled.",
    inputSchema: z.object({ input: z.string() }),
    execute: (_input, ctx) => {
      (globalThis as { otelStarted?: () => void }).otelStarted?.();
      return new Promise((_resolve, reject) => ctx.signal.addEventListener("abort", () => reject(ctx.signal.reason)));
    },
  }),
});
`;
    await using server = await collector();
    await using project = await tempProject({ "wait.ts": WAITER });
    const hook = globalThis as { otelStarted?: () => void };
    const started = new Promise<void>((resolve) => {
      hook.otelStarted = resolve;
    });
    let interrupt: (() => void) | undefined;
    try {
      const { io: cliIo } = io(project.dir, { OTEL_EXPORTER_OTLP_ENDPOINT: server.endpoint });
      const done = main(["wait.ts", "--entry", "wait", "hello", "--headless"], {
        ...cliIo,
        onSignal: (signal, handler) => {
          if (signal === "SIGINT") interrupt = handler;
          return () => {};
        },
      });
      await started;
      interrupt!();
      expect(await done).toBe(130);
    } finally {
      delete hook.otelStarted;
    }
    const spans = server.bodies.flatMap(({ body }) =>
      (
        body as { resourceSpans: Array<{ scopeSpans: Array<{ spans: ExportedSpan[] }> }> }
      ).resourceSpans.flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans)),
    );
    expect(spans.map((span) => span.name).sort()).toEqual(["execute_tool wait", "invoke_workflow wait"]);
    const tool = spans.find((span) => span.name === "execute_tool wait");
    expect(tool?.attributes).toContainEqual({ key: "llm_do.outcome", value: { stringValue: "aborted" } });
  });
});
