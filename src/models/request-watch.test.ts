import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import type { BrokenResponseError } from "./broken-response.js";
import { RequestWatch, runWatched, watchedFetch } from "./request-watch.js";

describe("RequestWatch timeouts", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const watch = (idleMs: number, requestMs: number) => {
    const expired: BrokenResponseError[] = [];
    const started = new RequestWatch(
      { idleMs, requestMs },
      (error) => expired.push(error),
      () => Date.now(),
    );
    return { watch: started, expired };
  };

  test("nothing arriving for the idle time expires the attempt, once", () => {
    const { watch: w, expired } = watch(1_000, 60_000);
    vi.advanceTimersByTime(999);
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(expired.map((error) => error.problem)).toEqual([
      "the response stalled: no data for 1 s, the idle_timeout",
    ]);
    expect(w.expired).toBe(expired[0]);
    vi.advanceTimersByTime(10_000);
    expect(expired).toHaveLength(1);
  });

  test("activity keeps it alive; the request timeout ends it anyway", () => {
    const { watch: w, expired } = watch(1_000, 5_500);
    w.responded(200, "text/event-stream");
    for (let tick = 0; tick < 12; tick++) {
      vi.advanceTimersByTime(500);
      w.received(10);
    }
    expect(expired.map((error) => [error.problem, error.status])).toEqual([
      ["the request took longer than 5.5 s, the request_timeout", 200],
    ]);
    expect(w.http).toEqual({ status: 200, contentType: "text/event-stream", bytes: 120 });
  });

  test("a stopped watch never fires", () => {
    const { watch: w, expired } = watch(1_000, 2_000);
    w.stop();
    vi.advanceTimersByTime(10_000);
    expect(expired).toEqual([]);
  });
});

describe("watchedFetch", () => {
  test("reports the status, content type and body bytes to the watch of its attempt only", async () => {
    const server = createServer((_request, response) => {
      response.writeHead(201, { "content-type": "text/event-stream" });
      response.end("data: 1\n\n");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      const fetch = watchedFetch();
      const attempt = new RequestWatch({ idleMs: 60_000, requestMs: 60_000 }, () => {});
      const body = await runWatched(attempt, async () => (await fetch(url)).text());
      attempt.stop();
      expect(body).toBe("data: 1\n\n");
      expect(attempt.http).toEqual({ status: 201, contentType: "text/event-stream", bytes: 9 });
      // Outside an attempt, the response passes through untouched.
      const plain = await fetch(url);
      expect(await plain.text()).toBe("data: 1\n\n");
      expect(attempt.http?.bytes).toBe(9);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
