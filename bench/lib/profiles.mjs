/**
 * @module Sizes and repetitions of each scenario per mode. `full` uses the sizes;
 * `quick` (CI smoke, under a minute) and `smoke` (the vitest test) shrink them.
 */

const MB = 1024 * 1024;

export const profiles = {
  full: {
    perCallOverhead: { toolCalls: 200, warmups: 2, pairs: 15 },
    coldStart: { runs: 10, warmupRuns: 2 },
    fanOut: { calls: 1000, warmupCalls: 20, runs: 5, warmupRuns: 1 },
    streaming: { bytes: MB, flatBytes: 4 * MB, chunkSize: 32, runs: 3, warmupRuns: 1 },
    largeToolOutput: { fileBytes: 50 * MB, treeFiles: 20_000, pages: 4, runs: 3, warmupRuns: 1 },
    cost: { steps: 12, instructionTokens: 6000 },
    // About 100 MB of YAML (text) and 32 MB (rows).
    replayLarge: { textCalls: 600, textSize: 75_000, rowCalls: 200, rowSize: 125_000 },
    durableBatch: { items: 1000, concurrency: 8, serialItems: 200 },
    scaleOut: { items: 1000, concurrency: 8, limitedItems: 200, limit: 20, periodSec: 1 },
  },
  quick: {
    perCallOverhead: { toolCalls: 200, warmups: 1, pairs: 3 },
    coldStart: { runs: 3, warmupRuns: 1 },
    fanOut: { calls: 200, warmupCalls: 10, runs: 1, warmupRuns: 0 },
    streaming: { bytes: MB / 4, flatBytes: MB / 2, chunkSize: 32, runs: 1, warmupRuns: 0 },
    largeToolOutput: { fileBytes: 5 * MB, treeFiles: 2000, pages: 3, runs: 1, warmupRuns: 0 },
    cost: { steps: 12, instructionTokens: 6000 },
    replayLarge: { textCalls: 100, textSize: 50_000, rowCalls: 30, rowSize: 50_000 },
    durableBatch: { items: 100, concurrency: 8, serialItems: 30 },
    scaleOut: { items: 100, concurrency: 8, limitedItems: 40, limit: 10, periodSec: 1 },
  },
  smoke: {
    perCallOverhead: { toolCalls: 5, warmups: 0, pairs: 1 },
    coldStart: { runs: 1, warmupRuns: 0 },
    fanOut: { calls: 10, warmupCalls: 2, runs: 1, warmupRuns: 0 },
    streaming: { bytes: 16 * 1024, flatBytes: 32 * 1024, chunkSize: 32, runs: 1, warmupRuns: 0 },
    largeToolOutput: { fileBytes: MB / 4, treeFiles: 50, pages: 3, runs: 1, warmupRuns: 0 },
    cost: { steps: 4, instructionTokens: 2000 },
    replayLarge: { textCalls: 3, textSize: 2000, rowCalls: 2, rowSize: 2000 },
    durableBatch: { items: 6, concurrency: 3, serialItems: 3 },
    scaleOut: { items: 6, concurrency: 3, limitedItems: 8, limit: 4, periodSec: 1 },
  },
};
