import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { describe, expect, test } from "vitest";
import { main } from "../../src/cli/main.js";
import { tempProject } from "../../src/testing/index.js";
import { renderTraceHtml } from "../../src/trace/render-trace-html.js";
import { openPage } from "./headless-chromium.js";
import { sampleTrace } from "./trace-events.js";

describe("trace HTML page", () => {
  test("self-contained: no external scripts, styles or images; text is escaped", () => {
    const trace = sampleTrace();
    trace.calls[0]!.output = "<script>alert(1)</script>";
    const html = renderTraceHtml(trace);
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/);
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain("&#60;script&#62;alert(1)&#60;/script&#62;");
  });

  test("renders the tree in Chromium, and a collapsed call expands on click", async () => {
    await using project = await tempProject({ "run.trace.json": JSON.stringify(sampleTrace()) });
    const stderr: string[] = [];
    const io = {
      stdin: process.stdin,
      stdout: { write: () => true },
      stderr: { write: (text: string) => stderr.push(text) },
      env: {},
      cwd: project.dir,
      stdinIsTTY: false,
      stdoutIsTTY: false,
    };
    expect(await main(["trace", "run.trace.json", "--html", "trace.html"], io)).toBe(0);
    expect(stderr.join("")).toBe("Wrote trace.html\n");
    expect(await readFile(project.path("trace.html"), "utf8")).toContain("<!doctype html>");

    await using page = await openPage(pathToFileURL(project.path("trace.html")).href);
    const rows = await page.evaluate<string[]>(
      `[...document.querySelectorAll("details.node > summary .name")].map((node) => node.textContent)`,
    );
    expect(rows).toEqual(["main", "analyzer", "read_file", "write_file"]);
    const visible = (name: string) =>
      page.evaluate<boolean>(
        `[...document.querySelectorAll("details.node")].find((node) => node.querySelector(":scope > summary .name").textContent === ${JSON.stringify(name)}).querySelector(":scope > summary").checkVisibility()`,
      );
    // The entry is open; the analyzer is collapsed, so its tool call is hidden.
    expect(await visible("analyzer")).toBe(true);
    expect(await visible("read_file")).toBe(false);
    const bars = await page.evaluate<number>(
      `[...document.querySelectorAll(".bar")].filter((bar) => bar.checkVisibility() && bar.getBoundingClientRect().width > 0).length`,
    );
    expect(bars).toBe(3);

    const box = await page.evaluate<{ x: number; y: number }>(
      `(() => { const summary = document.querySelector("details.node.worker details.node.worker > summary .name"); const box = summary.getBoundingClientRect(); return { x: box.x + box.width / 2, y: box.y + box.height / 2 }; })()`,
    );
    await page.click(box.x, box.y);
    // The toggle shows on the next rendered frame.
    await expect.poll(() => visible("read_file"), { timeout: 5000 }).toBe(true);
    expect(
      await page.evaluate<boolean>(`document.querySelector("details.node.worker details.node.worker").open`),
    ).toBe(true);
    const detail = await page.evaluate<string>(
      `document.querySelector("details.node.worker details.node.worker > .body > .detail").innerText`,
    );
    expect(detail).toContain("read notes.md");
    expect(detail).toContain("Two errands: milk and Bob.");
  }, 60_000);
});
