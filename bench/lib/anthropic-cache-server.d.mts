// Types of anthropic-cache-server.mjs, for the TypeScript tests that start it.

/** US dollars per million tokens. */
export interface Rates {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
}

/** Tokens by how they are billed. */
export interface Tokens {
  input: number;
  cacheRead: number;
  cacheWrite: number;
  output: number;
}

export interface CacheServerRequest {
  breakpoints: number;
  ttls: string[];
  usage: Tokens;
}

export interface AnthropicCacheServer {
  baseUrl: string;
  requests: CacheServerRequest[];
  billed: Tokens;
  bill(): number;
  close(): Promise<unknown>;
}

export function startAnthropicCacheServer(options: {
  steps: number;
  files: string[];
  rates: Rates;
  minimumTokens?: number;
  outputTokens?: number;
}): Promise<AnthropicCacheServer>;

export function billOf(tokens: Tokens, rates: Rates): number;

export function createPromptCache(options?: { minimumTokens?: number }): {
  serve(body: unknown): Tokens;
};

export function requestBlocks(
  body: unknown,
): Array<{ hash: string; tokens: number; isBreakpoint: boolean; ttl: string }>;
