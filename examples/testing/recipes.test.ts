/**
 * Tests for this project, offline: the worker with a scripted model, the tools on their own.
 * Run them with vitest (`npx vitest run examples/testing/` from the repository); docs/testing-library.md
 * walks through them. Temporary folders are removed in `finally`, so they run on Node 20 as well.
 */
import { fileURLToPath } from "node:url";
import { run } from "llm-do";
import {
  fail,
  fakeCallContext,
  readRecording,
  replayModel,
  scriptedModel,
  step,
  tempProject,
  text,
  toolCall,
} from "llm-do/testing";
import { describe, expect, it } from "vitest";
import { scale_recipe, scaleRecipe, shopping_list } from "./tools.js";

/** This folder: the worker and the tool file, and recipes/pancakes.txt. */
const here = fileURLToPath(new URL(".", import.meta.url));

describe("main.worker, with a scripted model", () => {
  it("answers from the shopping list the tools computed", async () => {
    const model = scriptedModel([
      toolCall("shopping_list", { recipe: "pancakes", servings: 6 }),
      text("600 g flour, 900 ml milk, 6 eggs, 3 pinch salt"),
    ]);

    const result = await run({
      files: ["main.worker", "tools.ts"],
      cwd: here,
      input: "What do I buy for pancakes for 6?",
      model,
    }).result;

    expect(result.output).toBe("600 g flour, 900 ml milk, 6 eggs, 3 pinch salt");
    model.assertComplete(); // every scripted step was used

    // What the model received: the tools and the question, then the tool's result.
    const [first, second] = model.calls;
    expect(first?.tools?.map((tool) => tool.name)).toEqual(["scale_recipe", "shopping_list"]);
    expect(first?.prompt.at(-1)).toEqual({
      role: "user",
      content: [{ type: "text", text: "What do I buy for pancakes for 6?" }],
    });
    expect(second?.prompt.at(-1)).toMatchObject({
      role: "tool",
      content: [
        {
          type: "tool-result",
          toolName: "shopping_list",
          output: { type: "text", value: "600 g flour\n900 ml milk\n6 eggs\n3 pinch salt" },
        },
      ],
    });
  });

  it("gives a tool's error back to the model, which can answer", async () => {
    const model = scriptedModel([
      toolCall("scale_recipe", { recipe: "waffles", servings: 4 }),
      text("There is no waffles recipe."),
    ]);

    const result = await run({
      files: ["main.worker", "tools.ts"],
      cwd: here,
      input: "Scale waffles for 4",
      model,
    }).result;

    expect(result.output).toBe("There is no waffles recipe.");
    // The model read the tool's error, which says what went wrong and what exists.
    expect(JSON.stringify(model.calls[1]?.prompt.at(-1))).toContain(
      "no recipe 'waffles' in recipes/ (there are: pancakes)",
    );
  });
});

describe("script steps", () => {
  it("step() makes parallel tool calls; a function step answers from the request", async () => {
    const model = scriptedModel([
      step(
        toolCall("shopping_list", { recipe: "pancakes", servings: 2 }),
        toolCall("shopping_list", { recipe: "pancakes", servings: 4 }),
      ),
      // A function of the request: here, the two tool results the model received.
      (call) => text(`${call.prompt.at(-1)?.content.length} lists`),
    ]);

    const result = await run({
      files: ["main.worker", "tools.ts"],
      cwd: here,
      input: "Lists for 2 and for 4",
      model,
    }).result;

    expect(result.output).toBe("2 lists");
  });

  it("fail() makes the request fail, as a provider error would", async () => {
    const model = scriptedModel([fail(new Error("the provider is down"))]);

    const handle = run({ files: ["main.worker", "tools.ts"], cwd: here, input: "Hi", model });

    await expect(handle.result).rejects.toMatchObject({
      name: "ModelCallError",
      message: expect.stringContaining("the provider is down"),
    });
    model.assertComplete();
  });
});

describe("the recorded run", () => {
  it("replays demo.replay: a changed prompt, instruction or tool result fails it", async () => {
    const recording = await readRecording(fileURLToPath(new URL("demo.replay", import.meta.url)));

    const result = await run({
      files: ["main.worker", "tools.ts"],
      cwd: here,
      input: "What do I buy for pancakes for 6?",
      model: replayModel(recording),
    }).result;

    expect(result.output).toBe("For pancakes for 6:\n600 g flour\n900 ml milk\n6 eggs\n3 pinch salt");
  });
});

describe("the tools, without a model", () => {
  it("scaleRecipe is a plain function", () => {
    expect(scaleRecipe("Toast\nserves: 1\n2 slices bread\nbutter", 3)).toBe(
      "Toast\nserves: 3\n6 slices bread\nbutter",
    );
  });

  it("scale_recipe reads the recipe from the run's folder (ctx.cwd)", async () => {
    const project = await tempProject({ "recipes/toast.txt": "Toast\nserves: 1\n2 slices bread\n" });
    try {
      const ctx = fakeCallContext({ cwd: project.dir });
      const scaled = await scale_recipe.execute({ recipe: "toast", servings: 2 }, ctx);
      expect(scaled).toBe("Toast\nserves: 2\n4 slices bread\n");
    } finally {
      await project.remove();
    }
  });

  it("shopping_list calls scale_recipe by name (ctx.call) and keeps the ingredients", async () => {
    const calls: unknown[] = [];
    const ctx = fakeCallContext({
      call: (name, input) => {
        calls.push({ name, input });
        return "Toast\nserves: 2\n4 slices bread\nbutter";
      },
    });

    const list = await shopping_list.execute({ recipe: "toast", servings: 2 }, ctx);

    expect(list).toBe("4 slices bread");
    expect(calls).toEqual([{ name: "scale_recipe", input: { recipe: "toast", servings: 2 } }]);
  });
});
