import { describe, expect, it } from "vitest";
import { OutputCollector, TRUNCATION_MARKER } from "./output-collector.js";

describe("OutputCollector", () => {
  it("keeps output up to the limit untouched", () => {
    const collector = new OutputCollector(5);
    collector.push(Buffer.from("ab"));
    collector.push(Buffer.from("cde"));
    expect(collector.text()).toBe("abcde");
    expect(collector.truncated).toBe(false);
  });

  it("cuts output past the limit and appends the marker", () => {
    const collector = new OutputCollector(5);
    collector.push(Buffer.from("abcdef"));
    collector.push(Buffer.from("ignored"));
    expect(collector.text()).toBe(`abcde${TRUNCATION_MARKER}`);
    expect(collector.text()).toBe("abcde\n... (output truncated)");
    expect(collector.truncated).toBe(true);
  });

  it("joins a UTF-8 character split across chunks and replaces invalid bytes", () => {
    const collector = new OutputCollector(100);
    const euro = Buffer.from("€");
    collector.push(euro.subarray(0, 1));
    collector.push(Buffer.concat([euro.subarray(1), Buffer.from([0xff])]));
    expect(collector.text()).toBe("€\uFFFD");
  });

  it("does not split a surrogate pair at the limit", () => {
    const collector = new OutputCollector(2);
    collector.push(Buffer.from("a😀b"));
    expect(collector.text()).toBe(`a${TRUNCATION_MARKER}`);
  });
});
