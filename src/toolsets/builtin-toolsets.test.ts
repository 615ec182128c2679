import { expect, test, vi } from "vitest";
import { loadProject } from "../registry/load-project.js";
import { prepareWorkerTools } from "../runtime/prepare-worker-tools.js";
import { tempProject } from "../testing/temp-project.js";
import { builtinToolsets } from "./builtin-toolsets.js";

// Records which built-in toolset modules are imported: each loads only when a worker names it.
const loaded = vi.hoisted(() => new Set<string>());
vi.mock("./filesystem/index.js", async (importOriginal) => {
  loaded.add("filesystem");
  return importOriginal();
});
vi.mock("./shell/index.js", async (importOriginal) => {
  loaded.add("shell");
  return importOriginal();
});
vi.mock("./dynamic-workers/index.js", async (importOriginal) => {
  loaded.add("dynamic_workers");
  return importOriginal();
});

const worker = (toolsets: string) => `---\nname: main\ntoolsets: ${toolsets}\n---\nGo.\n`;

test("a project loads without importing any built-in toolset; naming one loads it alone", async () => {
  await using project = await tempProject({ "main.worker": worker("[]") });
  const { registry } = await loadProject({ files: ["main.worker"], cwd: project.dir });
  expect([...registry.builtins.keys()]).toEqual(Object.keys(builtinToolsets));
  await prepareWorkerTools(registry.workers.get("main")!, {
    registry,
    workerInputSchema: () => ({}) as never,
    cwd: project.dir,
    env: {},
    created: [],
  });
  expect([...loaded]).toEqual([]);

  await project.write("lister.worker", worker("[shell_read_only]"));
  const { registry: withShell } = await loadProject({ files: ["lister.worker"], cwd: project.dir });
  const bindings = await prepareWorkerTools(withShell.workers.get("main")!, {
    registry: withShell,
    workerInputSchema: () => ({}) as never,
    cwd: project.dir,
    env: {},
    created: [],
  });
  expect([...bindings.keys()]).toEqual(["shell"]);
  expect([...loaded]).toEqual(["shell"]);
});

test("every built-in name loads the factory of that name", async () => {
  for (const [name, load] of Object.entries(builtinToolsets)) expect((await load()).name).toBe(name);
});
