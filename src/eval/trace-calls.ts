/**
 * @module The calls of a traced run (`--trace FILE`): a trace keeps each call's input and
 * output, cut when long. A call whose input or output was cut, or that did not end `ok`, is
 * reported with the reason.
 */
import type { TraceDocument, TraceNode } from "../trace/trace-document.js";
import type { RecordedCall } from "./recorded-call.js";

/** Every call of the trace, in call-tree order. */
export function traceCalls(document: TraceDocument): RecordedCall[] {
  const calls: RecordedCall[] = [];
  const visit = (node: TraceNode) => {
    calls.push(describeNode(node));
    node.children.forEach(visit);
  };
  document.calls.forEach(visit);
  return calls;
}

function describeNode(node: TraceNode): RecordedCall {
  const place = { key: node.path.join(" > "), path: node.path };
  if (node.outcome !== "ok") return { ...place, type: "unknown", why: `it ended ${node.outcome}` };
  const cut = [["input", node.input] as const, ["output", node.output] as const].find(([, value]) =>
    isCut(value),
  );
  if (cut) return { ...place, type: "unknown", why: `its ${cut[0]} was cut in the trace (too long)` };
  return { ...place, type: "known", input: node.input, output: node.output };
}

function isCut(value: unknown): boolean {
  if (typeof value === "string") return /\.\.\. \[truncated, \d+ chars\]$/.test(value);
  if (typeof value !== "object" || value === null) return false;
  if ((value as { truncated?: unknown }).truncated === true) return true;
  return Object.values(value).some(isCut);
}
