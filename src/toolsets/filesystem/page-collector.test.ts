import { describe, expect, it } from "vitest";
import { createPageCollector } from "./page-collector.js";

describe("createPageCollector", () => {
  it("cuts code points [offset, offset + maxChars) out of pieces", () => {
    const page = createPageCollector(2, 3);
    for (const piece of ["a😀", "é€", "😀b", "c"]) page.add(piece);
    expect(page.result()).toEqual({ content: "é€😀", charsRead: 3, charsSeen: 7 });
  });

  it("is full once it holds maxChars characters", () => {
    const page = createPageCollector(1, 2);
    page.add("ab");
    expect(page.isFull).toBe(false);
    page.add("😀d");
    expect(page.isFull).toBe(true);
    expect(page.result().content).toBe("b😀");
  });

  it("collects nothing past the end of the text", () => {
    const page = createPageCollector(5, 2);
    page.add("abc");
    expect(page.result()).toEqual({ content: "", charsRead: 0, charsSeen: 3 });
  });
});
