import { describe, expect, it } from "vitest";
import { resolveDatabase } from "./resolve-database.js";

describe("resolveDatabase", () => {
  const url = "postgresql://u:p@db:5432/llm";
  it("prefers --database-url, then LLM_DO_DATABASE_URL, then the project's own", () => {
    const env = { LLM_DO_DATABASE_URL: "postgres://other/x" };
    expect(resolveDatabase({ flag: url, env, cwd: "/p" })).toEqual({
      type: "url",
      url,
      source: "--database-url",
    });
    expect(resolveDatabase({ env, cwd: "/p" })).toEqual({
      type: "url",
      url: "postgres://other/x",
      source: "LLM_DO_DATABASE_URL",
    });
    expect(resolveDatabase({ env: {}, cwd: "/p" })).toEqual({
      type: "project",
      stateDirectory: "/p/.llm-do",
    });
  });

  it("names where a value that is not a Postgres URL came from", () => {
    expect(() => resolveDatabase({ flag: "localhost:5432", env: {}, cwd: "/p" })).toThrow(
      "--database-url: expected a postgresql://user:password@host:port/database URL",
    );
    expect(() => resolveDatabase({ env: { LLM_DO_DATABASE_URL: "mysql://x" }, cwd: "/p" })).toThrow(
      /^LLM_DO_DATABASE_URL: expected/,
    );
  });
});
