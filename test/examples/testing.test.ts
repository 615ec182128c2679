import { describe, expect, it } from "vitest";
import { exampleCommands } from "./example-commands.js";
import { callEnds, copyExample, eventsOf, runDocumented } from "./example-support.js";

// The example's own tests (examples/testing/recipes.test.ts) run in the e2e project; this file
// runs its documented offline command.
describe("examples/testing", { timeout: 60_000 }, () => {
  it("answers offline: shopping_list runs and calls scale_recipe by name", async () => {
    await using project = await copyExample("testing");
    const result = await runDocumented(exampleCommands.testing, project.dir, { extraArguments: ["--json"] });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("For pancakes for 6:\n600 g flour\n900 ml milk\n6 eggs\n3 pinch salt\n");
    const events = eventsOf(result);
    expect(callEnds(events, "scale_recipe").map((event) => event.path)).toEqual([
      ["main", "shopping_list", "scale_recipe"],
    ]);
    expect(callEnds(events, "shopping_list").map((event) => event.output)).toEqual([
      "600 g flour\n900 ml milk\n6 eggs\n3 pinch salt",
    ]);
  });

  it("reports a changed recipe as drift", async () => {
    await using project = await copyExample("testing");
    await project.write("recipes/pancakes.txt", "Pancakes\nserves: 2\n250 g flour\n300 ml milk\n2 eggs\n");
    const result = await runDocumented(exampleCommands.testing, project.dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "Error: Replay drift at main/2 (call path main, step 2): the request differs from demo.replay:\n  - the result of tool 'shopping_list' differs:",
    );
  });
});
