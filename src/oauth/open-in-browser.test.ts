import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { browserCommand, openInBrowser, type SpawnOpener } from "./open-in-browser.js";

const url = "https://example.test/a?x=1&y=2";

function fakeSpawn(outcome: "spawn" | "error", calls: unknown[][]): SpawnOpener {
  return (...args) => {
    calls.push(args);
    const child = Object.assign(new EventEmitter(), {
      unref: () => {
        calls.push(["unref"]);
      },
    });
    queueMicrotask(() => child.emit(outcome, new Error("spawn xdg-open ENOENT")));
    return child;
  };
}

describe("browserCommand", () => {
  it("picks the platform's opener and passes the URL as one argument", () => {
    expect(browserCommand(url, "darwin")).toEqual(["open", [url]]);
    expect(browserCommand(url, "win32")).toEqual(["rundll32", ["url.dll,FileProtocolHandler", url]]);
    expect(browserCommand(url, "linux")).toEqual(["xdg-open", [url]]);
  });
});

describe("openInBrowser", () => {
  it("starts the opener detached and lets it run on its own", async () => {
    const calls: unknown[][] = [];
    await openInBrowser(url, { platform: "linux", spawn: fakeSpawn("spawn", calls) });
    expect(calls).toEqual([["xdg-open", [url], { detached: true, stdio: "ignore" }], ["unref"]]);
  });

  it("rejects when the opener cannot start", async () => {
    const calls: unknown[][] = [];
    await expect(openInBrowser(url, { platform: "linux", spawn: fakeSpawn("error", calls) })).rejects.toThrow(
      "spawn xdg-open ENOENT",
    );
  });
});
