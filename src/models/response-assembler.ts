/**
 * @module Builds the response of a model request (what `doGenerate` returns) from the parts of
 * its stream (what `doStream` sends), as the AI SDK's own stream handling would: text and
 * reasoning blocks accumulate their deltas and keep the latest provider metadata; tool calls,
 * provider tool results, sources and files are kept as they come; tool input deltas are not
 * needed (the tool call carries the whole input).
 */
import type {
  LanguageModelV4Content,
  LanguageModelV4FinishReason,
  LanguageModelV4GenerateResult,
  LanguageModelV4ResponseMetadata,
  LanguageModelV4StreamPart,
  LanguageModelV4Text,
  LanguageModelV4Usage,
  SharedV4Warning,
} from "@ai-sdk/provider";
import { TextBuilder } from "../util/text-builder.js";

type TextBlock = Extract<LanguageModelV4Content, { type: "text" | "reasoning" }>;

/** A text or reasoning block being streamed: its content part, and its text so far. */
interface OpenBlock {
  part: TextBlock;
  text: TextBuilder;
}

const noUsage: LanguageModelV4Usage = {
  inputTokens: { total: undefined, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: undefined, text: undefined, reasoning: undefined },
};

/** Collects one response's stream parts; `error` parts are the caller's to handle. */
export class ResponseAssembler {
  private readonly content: LanguageModelV4Content[] = [];
  /** Every text and reasoning block, in order; their content parts get their text in `result`. */
  private readonly blocks: OpenBlock[] = [];
  private readonly openTextBlocks = new Map<string, OpenBlock>();
  private readonly openReasoning = new Map<string, OpenBlock>();
  private warnings: SharedV4Warning[] = [];
  private metadata: LanguageModelV4ResponseMetadata = {};
  private finish: Extract<LanguageModelV4StreamPart, { type: "finish" }> | undefined;

  /** Adds one part. */
  add(part: LanguageModelV4StreamPart): void {
    switch (part.type) {
      case "text-start":
      case "text-delta":
      case "text-end":
        this.updateBlock(this.openTextBlocks, "text", part);
        break;
      case "reasoning-start":
      case "reasoning-delta":
      case "reasoning-end":
        this.updateBlock(this.openReasoning, "reasoning", part);
        break;
      case "tool-call":
      case "tool-result":
      case "tool-approval-request":
      case "custom":
      case "file":
      case "reasoning-file":
      case "source":
        this.content.push(part);
        break;
      case "stream-start":
        this.warnings = part.warnings;
        break;
      case "response-metadata": {
        const { type: _type, ...metadata } = part;
        this.metadata = { ...this.metadata, ...metadata };
        break;
      }
      case "finish":
        this.finish = part;
        break;
      default:
        // tool-input-start/-delta/-end, ping, raw, error: nothing to keep.
        break;
    }
  }

  /** The text of the open text block `id` so far ("" when there is none). */
  openText(id: string): string {
    return this.openTextBlocks.get(id)?.text.toString() ?? "";
  }

  /** The finish reason of the `finish` part, or undefined when none came (yet). */
  finishReason(): LanguageModelV4FinishReason | undefined {
    return this.finish?.finishReason;
  }

  /** All text and all reasoning streamed so far, each joined across blocks. */
  streamed(): { text: string; reasoning: string } {
    const of = (type: TextBlock["type"]) =>
      this.blocks
        .filter((block) => block.part.type === type)
        .map((block) => block.text.toString())
        .join("");
    return { text: of("text"), reasoning: of("reasoning") };
  }

  /** The response so far; a stream that ended without a `finish` part reports finish reason `other`. */
  result(
    extra: Pick<LanguageModelV4GenerateResult, "request" | "response"> = {},
  ): LanguageModelV4GenerateResult {
    const finishReason: LanguageModelV4FinishReason = this.finish?.finishReason ?? {
      unified: "other",
      raw: undefined,
    };
    for (const block of this.blocks) block.part.text = block.text.toString();
    return {
      content: this.content,
      finishReason,
      usage: this.finish?.usage ?? noUsage,
      ...(this.finish?.providerMetadata ? { providerMetadata: this.finish.providerMetadata } : {}),
      ...(extra.request ? { request: extra.request } : {}),
      response: { ...extra.response, ...this.metadata },
      warnings: this.warnings,
    };
  }

  private updateBlock(
    open: Map<string, OpenBlock>,
    type: TextBlock["type"],
    part: Extract<
      LanguageModelV4StreamPart,
      { type: `${"text" | "reasoning"}-${"start" | "delta" | "end"}` }
    >,
  ): void {
    let block = open.get(part.id);
    if (!block) {
      const created: OpenBlock = { part: { type, text: "" }, text: new TextBuilder() };
      this.content.push(created.part);
      this.blocks.push(created);
      open.set(part.id, created);
      block = created;
    }
    if (part.type === "text-delta" || part.type === "reasoning-delta") block.text.append(part.delta);
    if (part.providerMetadata) block.part.providerMetadata = part.providerMetadata;
    if (part.type === "text-end") {
      if (part.citations) (block.part as LanguageModelV4Text).citations = part.citations;
      open.delete(part.id);
    } else if (part.type === "reasoning-end") {
      open.delete(part.id);
    }
  }
}
