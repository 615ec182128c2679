/**
 * @module Reads shell commands the way a reader of the docs would type them: POSIX quoting,
 * comments, line continuations, `&&` / `||` / `|` / `;` between commands, redirections
 * dropped. Enough for the commands in our Markdown, not a shell.
 */

/** One simple command: its words, without redirections. */
export interface SimpleCommand {
  words: string[];
}

const operators = ["&&", "||", "|", ";", "(", ")"] as const;
const redirection = /^(\d*>>?|\d*<|&>)(&\d+)?$/;

/**
 * Splits `text` (one or more lines) into simple commands, in order.
 *
 * Contract: throws on an unclosed quote, naming the text.
 */
export function parseShellCommands(text: string): SimpleCommand[] {
  const commands: SimpleCommand[] = [];
  let words: string[] = [];
  let word = "";
  let inWord = false;
  let pendingRedirection = false;
  const endWord = () => {
    if (!inWord) return;
    if (pendingRedirection) pendingRedirection = false;
    else if (redirection.test(word)) pendingRedirection = !/&\d+$/.test(word);
    else words.push(word);
    word = "";
    inWord = false;
  };
  const endCommand = () => {
    endWord();
    if (words.length > 0) commands.push({ words });
    words = [];
  };
  const source = text.replace(/\\\r?\n/g, "");
  for (let index = 0; index < source.length; index += 1) {
    const character = source[index]!;
    if (character === "\n") {
      endCommand();
      continue;
    }
    if (character === " " || character === "\t" || character === "\r") {
      endWord();
      continue;
    }
    if (!inWord && character === "#") {
      while (index + 1 < source.length && source[index + 1] !== "\n") index += 1;
      continue;
    }
    const operator = operators.find((candidate) => source.startsWith(candidate, index));
    if (operator && !(operator === "|" && word.endsWith(">"))) {
      endCommand();
      index += operator.length - 1;
      continue;
    }
    if (character === "'") {
      const end = source.indexOf("'", index + 1);
      if (end === -1) throw new Error(`unclosed ' in: ${text}`);
      word += source.slice(index + 1, end);
      inWord = true;
      index = end;
      continue;
    }
    if (character === '"') {
      let end = index + 1;
      for (; end < source.length && source[end] !== '"'; end += 1) {
        if (source[end] === "\\" && '"\\$`'.includes(source[end + 1] ?? "")) {
          end += 1;
          word += source[end];
        } else word += source[end];
      }
      if (end >= source.length) throw new Error(`unclosed " in: ${text}`);
      inWord = true;
      index = end;
      continue;
    }
    if (character === "\\" && index + 1 < source.length) {
      index += 1;
      word += source[index];
      inWord = true;
      continue;
    }
    word += character;
    inWord = true;
  }
  endCommand();
  return commands;
}

/** The arguments of an `llm-do` invocation, or undefined when `words` runs something else. */
export function llmDoArguments(words: readonly string[]): string[] | undefined {
  let rest = [...words];
  while (rest.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(rest[0]!)) rest = rest.slice(1);
  const [program, ...cliArguments] = rest;
  if (program === "llm-do") return cliArguments;
  if (program === "npx") {
    const index = cliArguments.findIndex((argument) => !argument.startsWith("-"));
    return cliArguments[index] === "llm-do" ? cliArguments.slice(index + 1) : undefined;
  }
  if (program === "npm" && (cliArguments[0] === "start" || cliArguments[0] === "exec")) {
    const separator = cliArguments.indexOf("--");
    if (separator === -1) return cliArguments[0] === "start" ? [] : undefined;
    const after = cliArguments.slice(separator + 1);
    if (cliArguments[0] === "start") return after;
    return after[0] === "llm-do" ? after.slice(1) : undefined;
  }
  if (program === "node" && cliArguments[0]?.endsWith("bin/llm-do.js")) return cliArguments.slice(1);
  return undefined;
}
