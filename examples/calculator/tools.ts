/**
 * Calculator tools. TypeScript code is trusted by default: these run without asking for
 * approval, so `main.worker` needs no `--approve-all`.
 */
import { tool, toolset } from "llm-do";
import { z } from "zod";

const nonNegativeInteger = z.number().int().describe("A whole number, 0 or more");

/** n! for a whole number n >= 0. */
export function factorial(n: number): number {
  if (n < 0) throw new Error(`factorial is not defined for negative numbers (got ${n})`);
  let result = 1;
  for (let factor = 2; factor <= n; factor += 1) result *= factor;
  return result;
}

/** The n-th Fibonacci number, counting from fibonacci(0) = 0, fibonacci(1) = 1. */
export function fibonacci(n: number): number {
  if (n < 0) throw new Error(`fibonacci is not defined for negative numbers (got ${n})`);
  let [previous, current] = [0, 1];
  for (let step = 0; step < n; step += 1) [previous, current] = [current, previous + current];
  return previous;
}

export const calc_tools = toolset({
  factorial: tool({
    description: "Compute n! (n factorial) for a whole number n >= 0.",
    inputSchema: z.object({ n: nonNegativeInteger }),
    execute: ({ n }) => factorial(n),
  }),
  fibonacci: tool({
    description: "Compute the n-th Fibonacci number, 0-indexed: fibonacci(0) = 0, fibonacci(1) = 1.",
    inputSchema: z.object({ n: nonNegativeInteger }),
    execute: ({ n }) => fibonacci(n),
  }),
  add: tool({
    description: "Add two numbers.",
    inputSchema: z.object({ a: z.number(), b: z.number() }),
    execute: ({ a, b }) => a + b,
  }),
  multiply: tool({
    description: "Multiply two numbers.",
    inputSchema: z.object({ a: z.number(), b: z.number() }),
    execute: ({ a, b }) => a * b,
  }),
});
