/**
 * @module Deterministic filler text of a given size, in lines of words.
 */

const words = [
  "harness",
  "worker",
  "model",
  "tool",
  "approval",
  "event",
  "stream",
  "delta",
  "call",
  "result",
];

/**
 * ASCII text of exactly `size` characters: words separated by spaces, a newline about every
 * 80 characters.
 * @param {number} size
 */
export function fillerText(size) {
  const lines = [];
  let length = 0;
  let index = 0;
  while (length < size) {
    let line = "";
    while (line.length < 72) line += `${words[index++ % words.length]} `;
    lines.push(`${line.trimEnd()}\n`);
    length += line.length;
  }
  return lines.join("").slice(0, size);
}
