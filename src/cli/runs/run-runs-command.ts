import type { CliIo } from "../cli-io.js";

export async function runRunsCommand(_argv: readonly string[], _io: CliIo): Promise<number> {
  return 2;
}
