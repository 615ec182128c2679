import { expect, test } from "vitest";
import { run } from "../../src/index.js";
import { scriptedModel, tempProject, text, toolCall } from "../../src/testing/index.js";

test("smoke: a worker delegates to another and answers", async () => {
  await using project = await tempProject({
    "main.worker": "---\nname: main\nmodel: test:main\ntoolsets:\n  helper: {}\n---\nYou orchestrate.\n",
    "helper.worker": "---\nname: helper\n---\nYou help.\n",
  });
  const model = scriptedModel([toolCall("helper", { input: "do it" }), text("helped"), text("all done")]);
  const handle = run({
    files: [project.path("main.worker"), project.path("helper.worker")],
    input: "go",
    models: { "test:main": model },
    cwd: project.dir,
  });
  const events = [];
  for await (const event of handle.events) events.push(event.type);
  const result = await handle.result;
  expect(result.output).toBe("all done");
  expect(events).toContain("run-end");
  model.assertComplete();
});
