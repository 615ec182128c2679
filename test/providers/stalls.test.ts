/**
 * Stalled model requests, against a local Anthropic-style server: a stream that goes quiet, a
 * server that never answers, a stream kept alive by pings that never finishes. Each attempt is
 * cut off by the idle or the request timeout (set small here, through the worker's front matter
 * or the run's options), retried and shown as a retry, and when retries are spent the run fails
 * with one line that names the timeout. The held streams never end by themselves: without the
 * timeouts these runs would not end. A timeout after which a good answer must still arrive is
 * kept at half a second, so that a loaded machine does not cut the good answer off too.
 */
import { describe, expect, test } from "vitest";
import type { RunOptions } from "../../src/index.js";
import { tempProject } from "../../src/testing/index.js";
import { assertBalanced, collectRun } from "../support/collect-run.js";
import {
  type FakeResponse,
  startFakeAnthropicServer,
  textResponse,
} from "../support/fake-anthropic-server.js";
import { eventsOf } from "../support/provider-replay.js";

const model = "anthropic:claude-haiku-4-5";

/** Runs a worker on `model` against a fake server answering with `script`. */
async function stalledRun(
  script: FakeResponse[],
  options: { frontMatter?: string; run?: Partial<RunOptions> } = {},
) {
  await using server = await startFakeAnthropicServer(script);
  await using project = await tempProject({
    "main.worker": `---\nname: main\nmodel: ${model}\n${options.frontMatter ?? ""}---\nAnswer.\n`,
  });
  const sleeps: number[] = [];
  const outcome = await collectRun({
    files: [project.path("main.worker")],
    input: "go",
    cwd: project.dir,
    env: { HOME: project.dir, ANTHROPIC_API_KEY: "test", ANTHROPIC_BASE_URL: server.baseUrl },
    retry: {
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      random: () => 0.5,
    },
    ...options.run,
  });
  return { ...outcome, sleeps, requests: server.requests.length };
}

const idle = "the response stalled: no data for 0.2 s, the idle_timeout";

describe("the idle timeout", () => {
  test("a stream that goes quiet is cut off and retried; the partial text is discarded", async () => {
    // Long enough that the stream has surely started (a cold first request takes a while to send).
    const outcome = await stalledRun([{ type: "hold", text: "Thinking" }, textResponse("ok")], {
      frontMatter: "idle_timeout: 1\n",
    });
    expect(outcome.error).toBeUndefined();
    expect(outcome.result?.output).toBe("ok");
    expect(eventsOf(outcome.events, "model-retry")).toMatchObject([
      {
        attempt: 1,
        status: null,
        reason: "the response stalled: no data for 1 s, the idle_timeout",
        midStream: true,
      },
    ]);
    expect(eventsOf(outcome.events, "model-output-discarded").map((event) => event.text)).toEqual([
      "Thinking",
    ]);
  });

  test("when every attempt stalls, the run fails naming the timeout, the status and the attempts", async () => {
    const outcome = await stalledRun([{ type: "hold" }, { type: "hold" }, { type: "hold" }], {
      frontMatter: "idle_timeout: 0.2\n",
      run: { retry: { maxAttempts: 3, sleep: async () => {} } },
    });
    expect(outcome.error?.code).toBe("MODEL_CALL");
    expect(outcome.error?.message).toBe(
      `Model call to ${model} failed: ${idle} (HTTP 200, after 3 attempts)`,
    );
    expect(outcome.requests).toBe(3);
    expect(eventsOf(outcome.events, "model-retry")).toHaveLength(2);
    assertBalanced(outcome.events);
  });

  test("a server that never sends headers is cut off too (no HTTP status to report)", async () => {
    const outcome = await stalledRun([{ type: "silent" }, { type: "silent" }], {
      frontMatter: "idle_timeout: 0.2\n",
      run: { retry: { maxAttempts: 2, sleep: async () => {} } },
    });
    expect(outcome.error?.message).toBe(`Model call to ${model} failed: ${idle} (after 2 attempts)`);
  });

  test("the run's timeouts apply to workers that set none", async () => {
    const outcome = await stalledRun([{ type: "hold" }, textResponse("ok")], {
      run: { timeouts: { idleMs: 200 } },
    });
    expect(outcome.result?.output).toBe("ok");
    expect(eventsOf(outcome.events, "model-retry")[0]?.reason).toBe(idle);
  });

  test("a worker's idle_timeout beats the run's", async () => {
    const outcome = await stalledRun([{ type: "hold" }, textResponse("ok")], {
      frontMatter: "idle_timeout: 0.2\n",
      run: { timeouts: { idleMs: 60_000 } },
    });
    expect(outcome.result?.output).toBe("ok");
  });
});

describe("the request timeout", () => {
  test("pings keep a stream alive for the idle timeout, but not past the request timeout", async () => {
    const outcome = await stalledRun([{ type: "hold", pingEveryMs: 50 }, textResponse("ok")], {
      frontMatter: "idle_timeout: 0.5\nrequest_timeout: 1.2\n",
    });
    expect(outcome.result?.output).toBe("ok");
    expect(eventsOf(outcome.events, "model-retry").map((event) => event.reason)).toEqual([
      "the request took longer than 1.2 s, the request_timeout",
    ]);
  });
});
