import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { exampleCommands } from "./example-commands.js";
import { copyExample, exampleDir, loadExample, runDocumented } from "./example-support.js";

describe("examples/greeter", { timeout: 60_000 }, () => {
  it("is one worker, main, with no tools and a fixed model", async () => {
    const project = await loadExample("greeter", ["main.worker"]);
    const main = project.registry.workers.get("main")!;
    expect([...project.registry.workers.keys()]).toEqual(["main"]);
    expect(main.model).toBe("anthropic:claude-haiku-4-5");
    expect(main.toolsets).toEqual([]);
    expect(await readFile(`${exampleDir("greeter")}/main.worker`, "utf8")).toContain(
      "model: anthropic:claude-haiku-4-5",
    );
  });

  it("answers offline from demo.replay", async () => {
    await using project = await copyExample("greeter");
    const result = await runDocumented(exampleCommands.greeter, project.dir);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      "Hello there! Why did the developer go broke? Because he used up all his cache. Have a wonderful day!\n",
    );
  });
});
