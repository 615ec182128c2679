/**
 * @module A local stand-in for the Anthropic Messages API that simulates its prompt cache from
 * the breakpoints (`cache_control`) a request marks, and bills what it served. It drives a tool
 * loop: while the conversation has fewer than `steps - 1` tool results it asks for `read_file`
 * of the next file, then it answers with text.
 *
 * The simulated cache, after Anthropic's documented behaviour: a request is a sequence of blocks
 * (tool definitions, system blocks, then each message's content blocks); a breakpoint writes the
 * prefix that ends at its block, when that prefix is at least `minimumTokens` long; a request
 * reads the longest prefix written earlier that ends at one of its breakpoints or up to 20
 * blocks before one. Tokens are counted as characters / 4. Usage comes back as the API reports
 * it: `input_tokens` (after the cache), `cache_read_input_tokens`, `cache_creation_input_tokens`.
 */
import { createHash } from "node:crypto";
import { once } from "node:events";
import { createServer } from "node:http";
import { anthropicMessageEvents } from "./anthropic-sse-server.mjs";

/** How far before a breakpoint the API looks for an earlier cache entry. */
const LOOKBACK_BLOCKS = 20;

/**
 * @typedef {{ input: number, output: number, cacheRead: number, cacheWrite: number }} Rates
 *   US dollars per million tokens.
 * @typedef {{ input: number, cacheRead: number, cacheWrite: number, output: number }} Tokens
 */

/** @param {unknown} value */
function tokensOf(value) {
  return Math.ceil(JSON.stringify(value).length / 4);
}

/** A block without its breakpoint: what the cache compares. @param {Record<string, unknown>} block */
function content(block) {
  const { cache_control: _breakpoint, ...rest } = block;
  return rest;
}

/**
 * The blocks of a request, in the order the API caches them, with the running prefix hash.
 * @param {any} body
 */
export function requestBlocks(body) {
  const blocks = [
    ...(body.tools ?? []).map((tool) => ({ where: "tools", block: tool })),
    ...(typeof body.system === "string" ? [{ type: "text", text: body.system }] : (body.system ?? [])).map(
      (block) => ({ where: "system", block }),
    ),
    ...(body.messages ?? []).flatMap((message) =>
      (typeof message.content === "string" ? [{ type: "text", text: message.content }] : message.content).map(
        (block) => ({ where: message.role, block }),
      ),
    ),
  ];
  let hash = "";
  let tokens = 0;
  return blocks.map(({ where, block }) => {
    const plain = content(block);
    hash = createHash("sha256")
      .update(hash)
      .update(JSON.stringify([where, plain]))
      .digest("hex");
    tokens += tokensOf(plain);
    return {
      hash,
      tokens,
      isBreakpoint: block.cache_control !== undefined,
      ttl: block.cache_control?.ttl ?? "5m",
    };
  });
}

/**
 * The simulated cache: which prefixes are written, and what each request reads and writes.
 * @param {{ minimumTokens?: number }} [options]
 */
export function createPromptCache(options = {}) {
  const minimumTokens = options.minimumTokens ?? 1024;
  /** @type {Set<string>} */
  const written = new Set();
  return {
    /**
     * Serves one request: the tokens it reads from and writes to the cache.
     * @param {any} body
     * @returns {Tokens}
     */
    serve(body) {
      const blocks = requestBlocks(body);
      const total = blocks.at(-1)?.tokens ?? 0;
      const breakpoints = blocks.flatMap((block, index) => (block.isBreakpoint ? [index] : []));
      let read = 0;
      for (const index of breakpoints) {
        for (let candidate = index; candidate >= Math.max(0, index - LOOKBACK_BLOCKS); candidate--) {
          if (written.has(blocks[candidate].hash)) {
            read = Math.max(read, blocks[candidate].tokens);
            break;
          }
        }
      }
      let writeEnd = read;
      for (const index of breakpoints) {
        const block = blocks[index];
        if (block.tokens < minimumTokens || block.tokens <= read) continue;
        if (!written.has(block.hash)) written.add(block.hash);
        writeEnd = Math.max(writeEnd, block.tokens);
      }
      return { input: total - writeEnd, cacheRead: read, cacheWrite: writeEnd - read, output: 0 };
    },
  };
}

/** @param {Tokens} tokens @param {Rates} rates */
export function billOf(tokens, rates) {
  return (
    (tokens.input * rates.input +
      tokens.cacheRead * rates.cacheRead +
      tokens.cacheWrite * rates.cacheWrite +
      tokens.output * rates.output) /
    1_000_000
  );
}

/**
 * The streamed answer: a `read_file` call, or the final text.
 * @param {{ toolUse?: { id: string, path: string }, text?: string, usage: Tokens }} answer
 */
function answerStream({ toolUse, text, usage }) {
  const block = toolUse
    ? {
        start: { type: "tool_use", id: toolUse.id, name: "read_file", input: {} },
        deltas: [{ type: "input_json_delta", partial_json: JSON.stringify({ path: toolUse.path }) }],
      }
    : { start: { type: "text", text: "" }, deltas: [{ type: "text_delta", text }] };
  return anthropicMessageEvents({
    usage: {
      input_tokens: usage.input,
      cache_read_input_tokens: usage.cacheRead,
      cache_creation_input_tokens: usage.cacheWrite,
      output_tokens: 1,
    },
    blocks: [block],
    stopReason: toolUse ? "tool_use" : "end_turn",
    outputTokens: usage.output,
  }).join("");
}

/**
 * Starts the server on 127.0.0.1 (a free port).
 * @param {{ steps: number, files: string[], rates: Rates, minimumTokens?: number, outputTokens?: number }} options
 *   `files`: the paths the model reads, one per step.
 */
export async function startAnthropicCacheServer(options) {
  const cache = createPromptCache({ minimumTokens: options.minimumTokens });
  const outputTokens = options.outputTokens ?? 40;
  /** @type {Tokens} */
  const billed = { input: 0, cacheRead: 0, cacheWrite: 0, output: 0 };
  /** @type {Array<{ breakpoints: number, ttls: string[], usage: Tokens }>} */
  const requests = [];
  const server = createServer((request, response) => {
    const chunks = [];
    request.on("data", (chunk) => chunks.push(chunk));
    request.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      const usage = { ...cache.serve(body), output: outputTokens };
      for (const key of Object.keys(billed)) billed[key] += usage[key];
      const marked = requestBlocks(body).filter((block) => block.isBreakpoint);
      requests.push({ breakpoints: marked.length, ttls: marked.map((block) => block.ttl), usage });
      const results = body.messages.flatMap((message) =>
        Array.isArray(message.content) ? message.content.filter((block) => block.type === "tool_result") : [],
      ).length;
      const step = requests.length;
      const answer =
        results < options.steps - 1
          ? { toolUse: { id: `toolu_${step}`, path: options.files[results % options.files.length] }, usage }
          : { text: `Read ${results} files.`, usage };
      response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      response.end(answerStream(answer));
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    /** Every request: how many breakpoints it marked, their lifetimes, and what it was billed for. */
    requests,
    /** The tokens billed so far, by kind. */
    billed,
    /** What the billed tokens cost at `options.rates`, in US dollars. */
    bill: () => billOf(billed, options.rates),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve(undefined));
      }),
  };
}
