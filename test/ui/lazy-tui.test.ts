import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import { tempProject } from "../../src/testing/index.js";

const main = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));

test("a headless run of the command loads neither Ink, React, the TUI modules nor the trace viewer", async () => {
  await using project = await tempProject({
    "main.worker": "---\nname: main\nmodel: builtin:echo\n---\nEcho.\n",
  });
  const script = `
    import { registerHooks } from "node:module";
    import { Readable } from "node:stream";
    const seen = new Set();
    registerHooks({ resolve(specifier, context, next) { const result = next(specifier, context); seen.add(result.url); return result; } });
    const { main } = await import(${JSON.stringify(main)});
    let stdout = "";
    const code = await main(["main.worker", "hi"], {
      stdin: Readable.from([]), stdout: { write: (text) => { stdout += text; } }, stderr: { write: () => {} },
      env: {}, cwd: ${JSON.stringify(project.dir)}, stdinIsTTY: false, stdoutIsTTY: false,
    });
    console.log(JSON.stringify({ code, stdout, urls: [...seen] }));
  `;
  const output = execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
  const { code, stdout, urls } = JSON.parse(output) as { code: number; stdout: string; urls: string[] };
  expect({ code, stdout }).toEqual({ code: 0, stdout: "Echo: hi\n" });
  // dist/ is bundled: the TUI, the trace viewer and each mode are chunks named after their module.
  expect(
    urls.filter((url) =>
      /node_modules\/(ink|react)\/|\/chunks\/ui\/|modes\/interactive|run-trace-command|render-trace-html/.test(
        url,
      ),
    ),
  ).toEqual([]);
  // The hook does see chunks: the headless mode's was loaded.
  expect(urls.some((url) => /\/dist\/chunks\/cli\/modes\/headless-[\w-]+\.js$/.test(url))).toBe(true);
});
