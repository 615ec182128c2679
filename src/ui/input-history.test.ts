import { describe, expect, test } from "vitest";
import { emptyInputHistory, recallNewer, recallOlder, recordInput, stopBrowsing } from "./input-history.js";

describe("input history", () => {
  const history = recordInput(recordInput(emptyInputHistory, "first"), "second");

  test("Up recalls older messages and keeps the draft; Down comes back to it", () => {
    const up = recallOlder(history, "my draft")!;
    expect(up.text).toBe("second");
    const upAgain = recallOlder(up.history, up.text)!;
    expect(upAgain.text).toBe("first");
    const atOldest = recallOlder(upAgain.history, upAgain.text)!;
    expect(atOldest.text).toBe("first");
    const down = recallNewer(atOldest.history)!;
    expect(down.text).toBe("second");
    const draft = recallNewer(down.history)!;
    expect(draft.text).toBe("my draft");
    expect(draft.history.position).toBeUndefined();
  });

  test("Down when not browsing and Up without history are not consumed", () => {
    expect(recallNewer(history)).toBeUndefined();
    expect(recallOlder(emptyInputHistory, "x")).toBeUndefined();
  });

  test("a repeat of the last message is stored once; editing stops browsing", () => {
    expect(recordInput(history, "second").entries).toEqual(["first", "second"]);
    const browsing = recallOlder(history, "")!.history;
    expect(stopBrowsing(browsing)).toEqual({ entries: ["first", "second"], draft: "" });
  });
});
