import { describe, expect, test } from "vitest";
import { TextBuilder } from "./text-builder.js";

describe("TextBuilder", () => {
  test("is the pieces in order, across batches, and can be read while it grows", () => {
    const builder = new TextBuilder();
    expect(builder.toString()).toBe("");
    const pieces = Array.from({ length: 2000 }, (_, index) => `${index},`);
    for (const piece of pieces.slice(0, 1500)) builder.append(piece);
    expect(builder.toString()).toBe(pieces.slice(0, 1500).join(""));
    builder.append("");
    for (const piece of pieces.slice(1500)) builder.append(piece);
    expect(builder.toString()).toBe(pieces.join(""));
    expect(builder.toString()).toBe(pieces.join(""));
  });
});
