import { describe, expect, it } from "vitest";
import { createGateQueue } from "./gate-queue.js";

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe("createGateQueue", () => {
  it("gives turns in the order places were taken, whatever order the calls arrive in", async () => {
    const queue = createGateQueue();
    const [first, second, third] = [queue.reserve(), queue.reserve(), queue.reserve()];
    const turns: string[] = [];
    void third.decideTurn.then(() => turns.push("third"));
    void second.decideTurn.then(() => turns.push("second"));
    void first.decideTurn.then(() => turns.push("first"));
    third.release();
    await flush();
    expect(turns).toEqual(["first"]);
    first.release();
    await flush();
    expect(turns).toEqual(["first", "second"]);
    second.release();
    await flush();
    expect(turns).toEqual(["first", "second", "third"]);
  });

  it("lets a call announce once every earlier one has announced, before any is decided", async () => {
    const queue = createGateQueue();
    const [first, second] = [queue.reserve(), queue.reserve()];
    let secondMayAnnounce = false;
    void second.announceTurn.then(() => {
      secondMayAnnounce = true;
    });
    await flush();
    expect(secondMayAnnounce).toBe(false);
    first.announced();
    await flush();
    expect(secondMayAnnounce).toBe(true);
  });

  it("a released place counts as announced, and releasing twice changes nothing", async () => {
    const queue = createGateQueue();
    const first = queue.reserve();
    first.release();
    first.release();
    const second = queue.reserve();
    await expect(Promise.all([second.announceTurn, second.decideTurn])).resolves.toBeDefined();
  });
});
