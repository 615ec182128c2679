/**
 * Tools of the web research agent: search the web (SerpAPI, needs `SERPAPI_API_KEY`), fetch a
 * page as plain text (a URL, or a page saved inside the working directory), and make a file
 * name for the report.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { ConfigError, tool, toolset } from "llm-do";
import { z } from "zod";

const SERPAPI_URL = "https://serpapi.com/search.json";
const FETCH_TIMEOUT_MS = 10_000;
const MAX_PAGE_BYTES = 1_000_000;

/** One search result. */
export interface SearchResult {
  url: string;
  title: string;
  snippet: string;
}

/** Options of {@link searchWeb}. */
export interface SearchOptions {
  /** The SerpAPI key; missing or empty is a configuration error. */
  apiKey: string | undefined;
  /** Results wanted, clamped to 1..8. */
  numResults: number;
  signal?: AbortSignal;
  /** For tests: the fetch to use (default: the global one). */
  fetch?: typeof globalThis.fetch;
}

/**
 * Searches Google through SerpAPI and returns up to `numResults` results, duplicates removed.
 * Contract: throws ConfigError (which ends the run) when the key is missing or rejected.
 */
export async function searchWeb(query: string, options: SearchOptions): Promise<SearchResult[]> {
  if (!options.apiKey) {
    throw new ConfigError(
      "search_web needs a SerpAPI key: set SERPAPI_API_KEY (get one at https://serpapi.com). " +
        "Without a key, point the agent at saved pages instead, e.g. 'use the saved pages in sources/'.",
    );
  }
  const count = Math.min(8, Math.max(1, Math.trunc(options.numResults)));
  const url = new URL(SERPAPI_URL);
  url.search = new URLSearchParams({
    engine: "google",
    q: query,
    num: String(count),
    api_key: options.apiKey,
  }).toString();
  const response = await (options.fetch ?? fetch)(url, {
    signal: options.signal ?? null,
    headers: { accept: "application/json" },
  });
  if (response.status === 401 || response.status === 403) {
    throw new ConfigError(`SerpAPI rejected SERPAPI_API_KEY (HTTP ${response.status}): check the key`);
  }
  if (!response.ok) throw new Error(`SerpAPI search failed: HTTP ${response.status}`);
  const body = (await response.json()) as {
    organic_results?: { link?: string; title?: string; snippet?: string }[];
  };
  const seen = new Set<string>();
  const results: SearchResult[] = [];
  for (const item of body.organic_results ?? []) {
    if (!item.link || seen.has(item.link)) continue;
    seen.add(item.link);
    results.push({ url: item.link, title: item.title ?? "", snippet: item.snippet ?? "" });
    if (results.length === count) break;
  }
  return results;
}

/** A page as text. */
export interface Page {
  url: string;
  title: string;
  text: string;
  /** True when `text` was cut at `max_chars`. */
  truncated: boolean;
}

/** The title and the readable text of an HTML document: no tags, scripts or styles. */
export function htmlToText(html: string): { title: string; text: string } {
  const title = decodeEntities(/<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1] ?? "").trim();
  const text = decodeEntities(
    html
      .replace(/<(script|style|noscript|head)\b[\s\S]*?<\/\1>/gi, " ")
      .replace(/<!--[\s\S]*?-->/g, " ")
      .replace(/<[^>]+>/g, " "),
  )
    .replace(/\s+/g, " ")
    .trim();
  return { title, text };
}

function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name.startsWith("#x") || name.startsWith("#X"))
      return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith("#")) return String.fromCodePoint(Number(name.slice(1)));
    return named[name.toLowerCase()] ?? entity;
  });
}

/**
 * Reads a page: an `http(s)` URL (10 s timeout, one retry after a timeout, at most 1 MB), or
 * the path of a page saved inside `cwd` (e.g. `sources/page.html`).
 */
export async function fetchPage(
  location: string,
  options: { cwd: string; maxChars: number; signal?: AbortSignal },
): Promise<Page> {
  const html = /^https?:\/\//i.test(location)
    ? await download(location, options.signal)
    : await readSavedPage(location, options.cwd);
  const { title, text } = htmlToText(html);
  const truncated = text.length > options.maxChars;
  return { url: location, title, text: truncated ? text.slice(0, options.maxChars) : text, truncated };
}

async function download(url: string, signal: AbortSignal | undefined): Promise<string> {
  for (let attempt = 1; ; attempt += 1) {
    const timeout = AbortSignal.timeout(FETCH_TIMEOUT_MS);
    try {
      const response = await fetch(url, {
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        headers: { "user-agent": "llm-do-web-research-example/1.0" },
      });
      if (!response.ok) throw new Error(`could not fetch ${url}: HTTP ${response.status}`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      return new TextDecoder().decode(bytes.subarray(0, MAX_PAGE_BYTES));
    } catch (error) {
      const timedOut = timeout.aborted && !signal?.aborted;
      if (timedOut && attempt < 2) continue;
      if (timedOut)
        throw new Error(`could not fetch ${url}: timed out twice after ${FETCH_TIMEOUT_MS / 1000} s`);
      throw error;
    }
  }
}

async function readSavedPage(file: string, cwd: string): Promise<string> {
  if (/^[a-z][a-z0-9+.-]*:/i.test(file)) {
    throw new Error(`unsupported URL '${file}': use an http(s) URL or the path of a saved page`);
  }
  const absolute = path.resolve(cwd, file);
  const relative = path.relative(cwd, absolute);
  if (relative.startsWith("..") || path.isAbsolute(relative)) {
    throw new Error(`'${file}' is outside the working directory`);
  }
  const data = await readFile(absolute).catch(() => {
    throw new Error(`saved page not found: ${file}`);
  });
  return new TextDecoder().decode(data.subarray(0, MAX_PAGE_BYTES));
}

/** A file name for a report about `topic`: lower case, hyphens, at most 60 characters. */
export function generateSlug(topic: string): string {
  const slug = topic
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return slug === "" ? "report" : slug;
}

export const web_research_tools = toolset({
  search_web: tool({
    description:
      "Search the web (Google, through SerpAPI). Returns up to num_results results as {url, title, snippet}. Needs SERPAPI_API_KEY.",
    inputSchema: z.object({
      query: z.string().describe("The search query"),
      num_results: z.number().int().default(4).describe("How many results, 1 to 8 (default 4)"),
    }),
    execute: ({ query, num_results }, ctx) =>
      searchWeb(query, { apiKey: process.env.SERPAPI_API_KEY, numResults: num_results, signal: ctx.signal }),
  }),
  fetch_page: tool({
    description:
      "Read a web page as plain text (scripts, styles and tags removed). `url` is an http(s) URL, or the path of a page saved in the working directory (e.g. sources/page.html).",
    inputSchema: z.object({
      url: z.string().describe("An http(s) URL, or the path of a saved page"),
      max_chars: z
        .number()
        .int()
        .positive()
        .default(4000)
        .describe("Cut the text after this many characters"),
    }),
    execute: ({ url, max_chars }, ctx) =>
      fetchPage(url, { cwd: ctx.cwd, maxChars: max_chars, signal: ctx.signal }),
  }),
  generate_slug: tool({
    description:
      "Make a file name (slug) for a report about a topic: lower case, hyphens, at most 60 characters.",
    inputSchema: z.object({ topic: z.string() }),
    execute: ({ topic }) => generateSlug(topic),
  }),
});
