import { describe, expect, it } from "vitest";
import { itemFileName } from "./run-batch-item.js";

describe("itemFileName", () => {
  it("keeps safe keys and replaces what a file name should not hold", () => {
    expect([itemFileName("3"), itemFileName("deck a.pdf"), itemFileName("../x"), itemFileName("")]).toEqual([
      "3",
      "deck_a.pdf",
      "__x",
      "_",
    ]);
  });
});
