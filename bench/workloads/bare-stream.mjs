// Workload (spawned by the streaming scenario): the floor under `llm-do --headless -vv` for a
// streamed answer. The bare AI SDK with @ai-sdk/anthropic against the same local server:
// deltas to stderr as they arrive, the whole text to stdout at the end.
import { createAnthropic } from "@ai-sdk/anthropic";
import { experimental_streamTextLowMemory, streamText } from "ai";

const settings = { includeRawChunks: false, lowMemory: false, ...JSON.parse(process.argv[2] ?? "{}") };
const anthropic = createAnthropic({
  baseURL: process.env.ANTHROPIC_BASE_URL,
  apiKey: process.env.ANTHROPIC_API_KEY,
});
const result = (settings.lowMemory ? experimental_streamTextLowMemory : streamText)({
  model: anthropic("claude-haiku-4-5"),
  instructions: "Do the task.",
  messages: [{ role: "user", content: "Write" }],
  includeRawChunks: settings.includeRawChunks,
});
let text = "";
for await (const part of result.stream) {
  if (part.type === "text-delta") {
    text += part.text;
    process.stderr.write(part.text);
  }
}
process.stdout.write(`${text}\n`);
