// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${NAME}` references are what these tests are about.
import { describe, expect, test } from "vitest";
import { McpConfig } from "./mcp-config.js";

function issues(input: unknown): Array<[string, string]> {
  const result = McpConfig.safeParse(input);
  if (result.success) throw new Error("expected the configuration to be rejected");
  return result.error.issues.map((issue) => [issue.path.join("."), issue.message]);
}

describe("McpConfig", () => {
  test("accepts a command server, with defaults and YAML scalars turned into strings", () => {
    expect(
      McpConfig.parse({
        mcp: { command: "node", args: ["server.mjs", 8080], env: { DEBUG: true, PORT: 1 } },
      }),
    ).toEqual({
      mcp: { command: "node", args: ["server.mjs", "8080"], env: { DEBUG: "true", PORT: "1" } },
    });
    expect(McpConfig.parse({ mcp: { command: "./server", cwd: "tools" } })).toEqual({
      mcp: { command: "./server", args: [], env: {}, cwd: "tools" },
    });
  });

  test("accepts a URL server", () => {
    expect(
      McpConfig.parse({ mcp: { url: "https://example.com/mcp", headers: { "X-Key": "${KEY}" } } }),
    ).toEqual({
      mcp: { url: "https://example.com/mcp", headers: { "X-Key": "${KEY}" } },
    });
    expect(McpConfig.parse({ mcp: { url: "http://127.0.0.1:3000/mcp" } })).toEqual({
      mcp: { url: "http://127.0.0.1:3000/mcp", headers: {} },
    });
  });

  test("needs exactly one of command and url", () => {
    expect(issues({ mcp: {} })).toEqual([
      ["mcp", "an MCP server needs 'command' (a local process) or 'url' (a streamable HTTP endpoint)"],
    ]);
    expect(issues({ mcp: { command: "node", url: "http://localhost/mcp" } })).toEqual([
      ["mcp.url", "an MCP server takes 'command' or 'url', not both"],
    ]);
  });

  test("rejects keys that belong to the other kind of server, at the key", () => {
    expect(issues({ mcp: { url: "http://localhost/mcp", args: ["x"], cwd: "." } })).toEqual([
      ["mcp.args", "'args' applies only to a server started with 'command'"],
      ["mcp.cwd", "'cwd' applies only to a server started with 'command'"],
    ]);
    expect(issues({ mcp: { command: "node", headers: { A: "b" } } })).toEqual([
      ["mcp.headers", "'headers' applies only to a server reached by 'url'"],
    ]);
  });

  test("explains a missing or malformed mcp mapping", () => {
    expect(issues({})).toEqual([
      ["mcp", "missing 'mcp': give the server as { command: ... } or { url: ... }"],
    ]);
    expect(issues({ mcp: "node server.mjs" })).toEqual([
      ["mcp", "'mcp' must be a mapping: { command: ... } or { url: ... }"],
    ]);
  });

  test("rejects unknown keys, empty strings, bad values and non-HTTP URLs", () => {
    expect(issues({ mcp: { comand: "node" } })).toEqual([["mcp", 'Unrecognized key: "comand"']]);
    expect(issues({ mcp: { command: "node" }, approval: true })).toEqual([
      ["", 'Unrecognized key: "approval"'],
    ]);
    expect(issues({ mcp: { command: "" } })).toEqual([["mcp.command", "'command' must not be empty"]]);
    expect(issues({ mcp: { command: "node", env: { TOKEN: null } } })).toEqual([
      ["mcp.env.TOKEN", "expected a string"],
    ]);
    expect(issues({ mcp: { url: "ftp://example.com" } })).toEqual([
      ["mcp.url", "'url' must be an http:// or https:// URL (got 'ftp://example.com')"],
    ]);
    expect(issues({ mcp: { url: "localhost:3000" } })).toEqual([
      ["mcp.url", "'url' must be an http:// or https:// URL (got 'localhost:3000')"],
    ]);
  });
});
