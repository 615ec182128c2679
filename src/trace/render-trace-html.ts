/**
 * @module `llm-do trace FILE --html out.html`: one self-contained page (no scripts or styles
 * from elsewhere) with the call tree as collapsible rows and each call's time as a bar on a
 * shared timeline. Rows are `<details>` elements, so expanding works without script.
 */

import { formatCacheTokens } from "../cli/format-usage.js";
import { formatCost, formatDuration } from "./format-trace-tree.js";
import type { TraceDocument, TraceNode } from "./trace-document.js";
import { TRACE_PAGE_STYLE } from "./trace-page-style.js";

/** The page, as HTML text. */
export function renderTraceHtml(document: TraceDocument): string {
  const total = Math.max(
    document.durationMs,
    ...document.calls.map((call) => call.startMs + call.durationMs),
    1,
  );
  const summary = [
    `${escapeHtml(document.entry)}`,
    `<span class="outcome ${escapeHtml(document.outcome)}">${escapeHtml(document.outcome)}</span>`,
    formatDuration(document.durationMs),
    `${document.usage.requests} requests`,
    `${document.usage.totalTokens.toLocaleString("en-US")} tokens`,
    formatCost(document.cost),
  ].join(" · ");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>llm-do trace: ${escapeHtml(document.entry)}</title>
<style>${TRACE_PAGE_STYLE}</style>
</head>
<body>
<header>
<h1>llm-do trace</h1>
<p class="summary">${summary}</p>
<p class="meta">run ${escapeHtml(document.runId)} · started ${escapeHtml(document.startedAt)}</p>
${document.error ? `<pre class="error">${escapeHtml(document.error.message)}</pre>` : ""}
${document.notes.map((note) => `<pre class="note">${escapeHtml(`${note.kind}: ${note.message}`)}</pre>`).join("\n")}
<p class="controls"><button type="button" id="expand-all">Expand all</button> <button type="button" id="collapse-all">Collapse all</button></p>
</header>
<main id="tree">
${document.calls.map((call) => renderNode(call, 0, total)).join("\n")}
</main>
<script>
for (const [id, open] of [["expand-all", true], ["collapse-all", false]]) {
  document.getElementById(id).addEventListener("click", () => {
    for (const node of document.querySelectorAll("details.node")) node.open = open;
  });
}
</script>
</body>
</html>
`;
}

function renderNode(node: TraceNode, depth: number, total: number): string {
  const left = (node.startMs / total) * 100;
  const width = Math.max((node.durationMs / total) * 100, 0.4);
  const stats =
    node.usage.requests > 0
      ? `${node.usage.requests} req · ${node.usage.totalTokens.toLocaleString("en-US")} tok · ${formatCost(node.cost)}`
      : "";
  return `<details class="node ${node.kind}" data-call-id="${escapeHtml(node.callId)}" style="--depth: ${depth}"${depth === 0 ? " open" : ""}>
<summary>
<span class="label"><span class="name">${escapeHtml(node.name)}</span> <span class="kind">${escapeHtml(node.kind)}</span>${node.model ? ` <span class="model">${escapeHtml(node.model)}</span>` : ""} <span class="outcome ${escapeHtml(node.outcome)}">${escapeHtml(node.outcome)}</span></span>
<span class="stats">${formatDuration(node.durationMs)}${stats ? ` · ${stats}` : ""}</span>
<span class="timeline"><span class="bar ${escapeHtml(node.outcome)}" style="left: ${left.toFixed(3)}%; width: ${width.toFixed(3)}%" title="${formatDuration(node.startMs)} + ${formatDuration(node.durationMs)}"></span></span>
</summary>
<div class="body">
${renderDetail(node)}
${node.children.map((child) => renderNode(child, depth + 1, total)).join("\n")}
</div>
</details>`;
}

function renderDetail(node: TraceNode): string {
  const rows = [
    ["path", escapeHtml(node.path.join(" > "))],
    ["input", `<pre>${escapeHtml(json(node.input))}</pre>`],
    ...(node.output !== undefined ? [["output", `<pre>${escapeHtml(json(node.output))}</pre>`]] : []),
    ...(node.error
      ? [["error", `<pre class="error">${escapeHtml(`${node.error.name}: ${node.error.message}`)}</pre>`]]
      : []),
    ...node.approvals.map((approval) => [
      "approval",
      escapeHtml(
        `${approval.decision} by ${approval.decidedBy}${approval.description ? `: ${approval.description}` : ""}${approval.note ? ` (${approval.note})` : ""}`,
      ),
    ]),
    ...node.responses.map((response) => [
      `step ${response.step}`,
      escapeHtml(
        `${response.model} · ${response.usage.inputTokens} in${formatCacheTokens(response.usage)} + ${response.usage.outputTokens} out · ${"usd" in response.cost ? formatCost({ usd: response.cost.usd, unpricedModels: [] }) : "unpriced"} · ${response.finishReason}`,
      ),
    ]),
    ...node.notes.map((note) => [note.kind, `<pre>${escapeHtml(note.message)}</pre>`]),
  ];
  return `<dl class="detail">${rows.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join("")}</dl>`;
}

function json(value: unknown): string {
  return typeof value === "string" ? value : (JSON.stringify(value, null, 2) ?? "undefined");
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
