// A tool that orchestrates workers: the outer model sees one tool, deep_research(question), and
// the control flow inside it (expand, search in parallel, synthesize) is plain TypeScript.
import { tool, toolset } from "llm-do";
import { z } from "zod";

/** At most this many searches per question, whatever the expander suggests. */
export const MAX_QUERIES = 4;

/**
 * The queries in the expander's answer: a JSON array of strings, possibly inside a ```json
 * fence. Anything else falls back to the question itself, so research always goes on.
 */
export function parseQueries(answer: string, question: string): string[] {
  const json = answer.replace(/^\s*```(?:json)?\s*|\s*```\s*$/g, "");
  try {
    const parsed: unknown = JSON.parse(json);
    if (Array.isArray(parsed)) {
      const queries = parsed.filter((item): item is string => typeof item === "string" && item.trim() !== "");
      if (queries.length > 0) return queries.slice(0, MAX_QUERIES);
    }
  } catch {
    // Not JSON: search for the question as asked.
  }
  return [question];
}

export const research_tools = toolset({
  deep_research: tool({
    description:
      "Research a question in depth: it is expanded into several web searches, run in parallel, and the findings are combined into one answer with sources.",
    inputSchema: z.object({ question: z.string().describe("The research question.") }),
    execute: async ({ question }, ctx) => {
      const expanded = await ctx.call<string>("query_expander", question);
      const queries = parseQueries(expanded, question);
      // Parallel worker calls: each is its own call (own history, own usage), under the same gate.
      const findings = await Promise.all(queries.map((query) => ctx.call<string>("searcher", query)));
      const report = queries
        .map((query, index) => `Query: ${query}\nFindings: ${findings[index]}`)
        .join("\n\n");
      return ctx.call<string>("synthesizer", `Question: ${question}\n\n${report}`);
    },
  }),
});
