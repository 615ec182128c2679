/**
 * Recipe tools. `scale_recipe` reads a recipe from the run's folder (`ctx.cwd`, never
 * `process.cwd()`); `shopping_list` calls `scale_recipe` by name with `ctx.call`, as a model
 * would. recipes.test.ts tests both without a model.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { tool, toolset } from "llm-do";
import { z } from "zod";

/**
 * Scales a recipe (a title, `serves: N`, then one ingredient per line, quantity first) to
 * `servings`. Lines without a leading number are kept as they are.
 */
export function scaleRecipe(text: string, servings: number): string {
  const serves = /^serves:\s*(\d+)\s*$/m.exec(text);
  if (!serves) throw new Error("the recipe has no 'serves: N' line");
  const factor = servings / Number(serves[1]);
  return text
    .split("\n")
    .map((line) => {
      if (serves[0] === line) return `serves: ${servings}`;
      const quantity = /^(\d+(?:\.\d+)?)(\s.*)$/.exec(line);
      return quantity ? `${Math.round(Number(quantity[1]) * factor * 100) / 100}${quantity[2]}` : line;
    })
    .join("\n");
}

const recipeName = z
  .string()
  .regex(/^[a-z0-9_-]+$/, "a recipe name such as 'pancakes' (no folder, no .txt)")
  .describe("The recipe's name, e.g. 'pancakes'");
const servings = z.number().int().positive().describe("How many people to cook for");

/** Reads recipes/<name>.txt from `cwd`; a missing recipe is an error that lists the others. */
async function readRecipe(cwd: string, name: string): Promise<string> {
  const folder = path.join(cwd, "recipes");
  try {
    return await readFile(path.join(folder, `${name}.txt`), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    const names = (await readdir(folder).catch(() => [])).filter((file) => file.endsWith(".txt"));
    const known = names.map((file) => file.slice(0, -".txt".length)).sort();
    throw new Error(`no recipe '${name}' in recipes/ (there are: ${known.join(", ") || "none"})`);
  }
}

export const scale_recipe = tool({
  description: "Read a recipe from recipes/ and scale it to a number of servings.",
  inputSchema: z.object({ recipe: recipeName, servings }),
  execute: async ({ recipe, servings }, ctx) => scaleRecipe(await readRecipe(ctx.cwd, recipe), servings),
});

export const shopping_list = tool({
  description: "The ingredients to buy for a recipe and a number of servings, one per line.",
  inputSchema: z.object({ recipe: recipeName, servings }),
  execute: async ({ recipe, servings }, ctx) => {
    const scaled = await ctx.call<string>("scale_recipe", { recipe, servings });
    return scaled
      .split("\n")
      .filter((line) => /^\d/.test(line))
      .join("\n");
  },
});

/** The toolset main.worker lists. The tools are exported on their own too, for tests. */
export const recipe_tools = toolset({ scale_recipe, shopping_list });
