import { describe, expect, it } from "vitest";
import { parsePostmasterPid } from "./postmaster-pid.js";

const ready = "5326\n/tmp/data\n1796400132\n54999\n\n127.0.0.1\n  2327329         4\nready   \n";

describe("parsePostmasterPid", () => {
  it("reads the pid, port and status of a ready server", () => {
    expect(parsePostmasterPid(ready)).toEqual({ pid: 5326, port: 54999, status: "ready" });
  });

  it("reports a server that has not written its status yet as starting", () => {
    expect(parsePostmasterPid("5326\n/tmp/data\n1796400132\n54999\n")).toEqual({
      pid: 5326,
      port: 54999,
      status: "starting",
    });
  });

  it("returns undefined for a file that is half written or not a lock file", () => {
    expect(parsePostmasterPid("")).toBeUndefined();
    expect(parsePostmasterPid("5326\n/tmp/data\n")).toBeUndefined();
    expect(parsePostmasterPid("hello\nworld\n1\n2\n")).toBeUndefined();
  });
});
