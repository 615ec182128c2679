/**
 * @module The projects a durable process runs queued items with: its files, loaded once per
 * entry and `--set` overrides that an item's spec names.
 */
import type { BatchItemSpec } from "../durable/durable-batch-items.js";
import { loadProject, type Project } from "../registry/load-project.js";
import { stableStringify } from "../util/stable-stringify.js";
import { parseSetOverride } from "../worker/set-override.js";

/**
 * A loader of the project a spec names, from `cwd`; `loaded` is one already loaded (the batch's
 * own). Contract: the promise rejects like loadProject (a wrong file, an unknown entry).
 */
export function projectLoader(
  cwd: string,
  loaded?: { entry: string; set: readonly string[]; project: Project },
): (spec: BatchItemSpec) => Promise<Project> {
  const keyOf = (entry: string, set: readonly string[]) => stableStringify({ entry, set });
  const projects = new Map<string, Promise<Project>>();
  if (loaded) projects.set(keyOf(loaded.entry, loaded.set), Promise.resolve(loaded.project));
  return (spec) => {
    const key = keyOf(spec.entry, spec.set);
    let project = projects.get(key);
    if (!project) {
      project = loadProject({
        files: spec.files,
        cwd,
        entry: spec.entry,
        ...(spec.set.length > 0 ? { overrides: spec.set.map(parseSetOverride) } : {}),
      });
      // A project that failed to load is tried again by the next item (the files may be fixed).
      project.catch(() => projects.delete(key));
      projects.set(key, project);
    }
    return project;
  };
}
