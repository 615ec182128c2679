import { describe, expect, it } from "vitest";
import { tokenizeCommand } from "./tokenize-command.js";

function tokens(command: string): string[] {
  const result = tokenizeCommand(command);
  if (result.type === "error") throw new Error(`unexpected parse error: ${result.message}`);
  return result.tokens;
}

describe("tokenizeCommand", () => {
  it("splits on runs of spaces, tabs and newlines", () => {
    expect(tokens("  git   log\t-n 5\n--oneline  ")).toEqual(["git", "log", "-n", "5", "--oneline"]);
  });

  it("returns no words for an empty or blank command", () => {
    expect(tokens("")).toEqual([]);
    expect(tokens(" \t\n ")).toEqual([]);
  });

  it("keeps single-quoted text literally, backslashes and double quotes included", () => {
    expect(tokens(`grep 'two words' 'a\\nb' 'say "hi"'`)).toEqual(["grep", "two words", "a\\nb", 'say "hi"']);
  });

  it('unescapes only " \\ $ ` inside double quotes and keeps other backslashes', () => {
    expect(tokens('echo "a \\"b\\" \\\\ \\$HOME \\` \\n \\x"')).toEqual(["echo", 'a "b" \\ $HOME ` \\n \\x']);
  });

  it("treats a backslash outside quotes as escaping the next character", () => {
    expect(tokens("echo two\\ words \\'q\\' \\\\")).toEqual(["echo", "two words", "'q'", "\\"]);
  });

  it("removes backslash-newline as a line continuation, outside and inside double quotes", () => {
    expect(tokens('echo ab\\\ncd "ef\\\ngh"')).toEqual(["echo", "abcd", "efgh"]);
  });

  it("joins quoted parts with their neighbours", () => {
    expect(tokens(`a'b c'd"e f"g`)).toEqual(["ab cde fg"]);
  });

  it("keeps empty quoted strings as empty words", () => {
    expect(tokens(`printf '' ""`)).toEqual(["printf", "", ""]);
  });

  it("expands nothing: $VAR, ~, globs and # stay literal", () => {
    expect(tokens("echo $HOME ~ *.ts #not-a-comment")).toEqual([
      "echo",
      "$HOME",
      "~",
      "*.ts",
      "#not-a-comment",
    ]);
  });

  it("reports an unclosed single or double quote", () => {
    expect(tokenizeCommand("echo 'abc")).toEqual({ type: "error", message: "No closing quotation" });
    expect(tokenizeCommand('echo "abc')).toEqual({ type: "error", message: "No closing quotation" });
    expect(tokenizeCommand('echo "abc\\"')).toEqual({ type: "error", message: "No closing quotation" });
  });

  it("reports a trailing backslash", () => {
    expect(tokenizeCommand("echo abc\\")).toEqual({
      type: "error",
      message: "No escaped character after trailing backslash",
    });
  });
});
