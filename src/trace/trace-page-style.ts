/**
 * @module The stylesheet of the HTML trace page (inlined, so the page stands alone).
 */

/** CSS for `renderTraceHtml`. */
export const TRACE_PAGE_STYLE = `
:root { color-scheme: light dark; --bar: #4a7bd0; --error: #c0392b; --muted: #888; }
body { font: 14px/1.4 system-ui, sans-serif; margin: 0 1.5rem 2rem; }
h1 { font-size: 1.2rem; margin: 1rem 0 0.25rem; }
.summary { margin: 0; font-weight: 600; }
.meta { margin: 0.25rem 0; color: var(--muted); font-size: 12px; }
pre { margin: 0; white-space: pre-wrap; word-break: break-word; font: 12px/1.35 ui-monospace, monospace; }
pre.error, .outcome.error, .outcome.aborted { color: var(--error); }
details.node > summary {
  display: grid; grid-template-columns: minmax(16rem, 2fr) minmax(10rem, 1fr) 3fr; gap: 0.75rem;
  align-items: center; cursor: pointer; padding: 2px 0; border-bottom: 1px solid #8883; list-style: none;
}
details.node > summary::-webkit-details-marker { display: none; }
.label { padding-left: calc(var(--depth) * 1.25rem); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.label::before { content: "▸"; display: inline-block; width: 1rem; color: var(--muted); }
details[open] > summary .label::before { content: "▾"; }
.name { font-weight: 600; }
.kind, .model { color: var(--muted); font-size: 12px; }
.outcome { font-size: 12px; }
.outcome.ok { color: #2e8b57; }
.outcome.denied, .outcome.blocked { color: #b8860b; }
.stats { color: var(--muted); font-size: 12px; white-space: nowrap; }
.timeline { position: relative; height: 10px; background: #8881; border-radius: 2px; }
.bar { position: absolute; top: 0; bottom: 0; background: var(--bar); border-radius: 2px; min-width: 2px; }
.bar.error, .bar.aborted { background: var(--error); }
.node.tool > summary .bar { opacity: 0.6; }
.detail { display: grid; grid-template-columns: 6rem 1fr; gap: 2px 0.75rem; margin: 0.25rem 0 0.5rem;
  padding-left: calc(var(--depth) * 1.25rem + 1rem); font-size: 12px; }
.detail dt { color: var(--muted); }
.detail dd { margin: 0; }
`;
