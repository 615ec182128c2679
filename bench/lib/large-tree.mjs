/**
 * @module The data of the large-tool-output scenario: a big text file and a wide directory tree,
 * written once into a temporary project with a worker that has the `filesystem` toolset.
 */
import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import path from "node:path";
import { createBenchProject, workerFile } from "./bench-project.mjs";
import { fillerText } from "./filler-text.mjs";

/**
 * Creates the project: `main.worker`, `big.txt` of `fileBytes` ASCII characters, and `tree/`
 * with `treeFiles` small files, 100 per directory, two levels deep.
 * @param {{ fileBytes: number, treeFiles: number }} options
 */
export function createLargeTree(options) {
  const project = createBenchProject({
    "main.worker": workerFile({
      name: "main",
      model: "bench:main",
      toolsets: "  filesystem:\n    read_only: true",
    }),
  });
  const block = Buffer.from(fillerText(1024 * 1024));
  const file = openSync(path.join(project.dir, "big.txt"), "w");
  try {
    for (let written = 0; written < options.fileBytes; written += block.length) {
      writeSync(file, block, 0, Math.min(block.length, options.fileBytes - written));
    }
  } finally {
    closeSync(file);
  }
  for (let index = 0; index < options.treeFiles; index++) {
    const group = Math.floor(index / 100);
    const directory = path.join(project.dir, "tree", `part-${Math.floor(group / 100)}`, `group-${group}`);
    if (index % 100 === 0) mkdirSync(directory, { recursive: true });
    closeSync(openSync(path.join(directory, `file-${index}.txt`), "w"));
  }
  return project;
}
