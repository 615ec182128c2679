import { describe, expect, it } from "vitest";
import { deadRunners, isProcessAlive, type RunnerBeat } from "./dead-runners.js";

const beat = (executorId: string, host: string, pid: number, silentMs: number): RunnerBeat => ({
  executorId,
  host,
  pid,
  silentMs,
});

describe("deadRunners", () => {
  const context = { self: "me", host: "a", takeoverAfterMs: 30_000, isAlive: (pid: number) => pid !== 13 };

  it("takes a process silent longer than the takeover time, on any machine", () => {
    const beats = [beat("quiet", "b", 7, 30_001), beat("recent", "b", 7, 29_000)];
    expect(deadRunners(beats, context).map((row) => row.executorId)).toEqual(["quiet"]);
  });

  it("takes a process of this machine whose pid is gone at once, and never a pid of another machine", () => {
    const beats = [beat("gone", "a", 13, 10), beat("other-machine", "b", 13, 10), beat("alive", "a", 7, 10)];
    expect(deadRunners(beats, context).map((row) => row.executorId)).toEqual(["gone"]);
  });

  it("never takes itself, however silent", () => {
    expect(deadRunners([beat("me", "a", 13, 99_999)], context)).toEqual([]);
  });
});

describe("isProcessAlive", () => {
  it("is true for this process and false for a pid that cannot exist", () => {
    expect(isProcessAlive(process.pid)).toBe(true);
    expect(isProcessAlive(2 ** 22 + 1)).toBe(false);
  });
});
