import { describe, expect, it } from "vitest";
import { FIRST_STEP_NUMBER, KeyedSteps, type StepStore, type StoredStep } from "./keyed-steps.js";

function memoryStore(initial: StoredStep[] = []): StepStore & { steps: StoredStep[] } {
  const steps = [...initial];
  return {
    steps,
    list: async () => [...steps],
    record: async (_workflow, number, name, output) => {
      steps.push({ number, name, output, failed: false });
    },
  };
}

describe("KeyedSteps", () => {
  it("records steps in the order they finish, from the first llm-do number", async () => {
    const store = memoryStore();
    const steps = await KeyedSteps.load("w", store);
    await steps.record("main/1", { text: "a" });
    await steps.record("main/1 > add", 5);
    expect(store.steps.map((step) => [step.number, step.name])).toEqual([
      [FIRST_STEP_NUMBER, "main/1"],
      [FIRST_STEP_NUMBER + 1, "main/1 > add"],
    ]);
    expect(steps.get("main/1 > add")).toBe(5);
  });

  it("finds the steps of an earlier run by name, whatever their numbers, and numbers new ones after them", async () => {
    const store = memoryStore([
      { number: FIRST_STEP_NUMBER + 1, name: "main/1 > b/1", output: "b", failed: false },
      { number: FIRST_STEP_NUMBER, name: "main/1 > a/1", output: "a", failed: false },
      { number: FIRST_STEP_NUMBER + 4, name: "main/1 > c/1", output: undefined, failed: true },
      { number: 0, name: "DBOS.sleep", output: null, failed: false },
    ]);
    const steps = await KeyedSteps.load("w", store);
    expect([steps.get("main/1 > a/1"), steps.get("main/1 > b/1"), steps.has("main/1 > c/1")]).toEqual([
      "a",
      "b",
      false,
    ]);
    await steps.record("main/1 > c/1", "c");
    expect(store.steps.at(-1)).toMatchObject({ number: FIRST_STEP_NUMBER + 5, name: "main/1 > c/1" });
  });

  it("refuses to record a name twice", async () => {
    const steps = await KeyedSteps.load("w", memoryStore());
    await steps.record("main/1", 1);
    await expect(steps.record("main/1", 2)).rejects.toThrow(
      "durable run w: step 'main/1' was already recorded",
    );
  });

  it("does not remember a step the store failed to write", async () => {
    const store = memoryStore();
    store.record = async () => {
      throw new Error("connection lost");
    };
    const steps = await KeyedSteps.load("w", store);
    await expect(steps.record("main/1", 1)).rejects.toThrow("connection lost");
    expect(steps.has("main/1")).toBe(false);
  });

  it("reserves numbers for DBOS's own records, and ignores those records as steps when loading", async () => {
    const store = memoryStore();
    const steps = await KeyedSteps.load("w", store);
    expect(steps.reserveNumbers(2)).toBe(FIRST_STEP_NUMBER);
    await steps.record("main/1", 1);
    expect(store.steps.at(-1)?.number).toBe(FIRST_STEP_NUMBER + 2);
    store.steps.push({ number: FIRST_STEP_NUMBER + 7, name: "DBOS.recv", output: "m", failed: false });
    const again = await KeyedSteps.load("w", store);
    expect([again.size, again.has("DBOS.recv"), again.reserveNumbers(1)]).toEqual([
      1,
      false,
      FIRST_STEP_NUMBER + 8,
    ]);
  });
});
