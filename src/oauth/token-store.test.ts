import * as fs from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { OAuthCredentials } from "./oauth-credentials.js";
import { createFileTokenStore, type TokenStoreFileSystem } from "./token-store.js";

const first: OAuthCredentials = { type: "oauth", refresh: "r1", access: "a1", expires: 1000 };
const second: OAuthCredentials = { type: "oauth", refresh: "r2", access: "a2", expires: 2000 };

let root: string;
let path: string;
beforeEach(async () => {
  root = await fs.mkdtemp(join(tmpdir(), "llm-do-oauth-"));
  path = join(root, ".llm-do", "oauth.json");
});
afterEach(async () => {
  await fs.chmod(root, 0o700).catch(() => {});
  await fs.rm(root, { recursive: true, force: true });
});

const mode = async (file: string) => (await fs.stat(file)).mode & 0o777;

describe("createFileTokenStore", () => {
  it("writes the §6.4 format with two-space indentation", async () => {
    await createFileTokenStore({ path }).set("anthropic", { ...first, email: "me@example.com" });
    expect(await fs.readFile(path, "utf8")).toBe(
      '{\n  "anthropic": {\n    "type": "oauth",\n    "refresh": "r1",\n    "access": "a1",\n' +
        '    "expires": 1000,\n    "email": "me@example.com"\n  }\n}\n',
    );
  });

  it("creates the directory 0700 and the file 0600", async () => {
    await createFileTokenStore({ path }).set("anthropic", first);
    expect(await mode(join(root, ".llm-do"))).toBe(0o700);
    expect(await mode(path)).toBe(0o600);
  });

  it("replaces a world-readable file with a 0600 one", async () => {
    await fs.mkdir(join(root, ".llm-do"));
    await fs.writeFile(path, "{}", { mode: 0o644 });
    await fs.chmod(path, 0o644);
    await createFileTokenStore({ path }).set("anthropic", first);
    expect(await mode(path)).toBe(0o600);
  });

  it("leaves no temporary file behind", async () => {
    const store = createFileTokenStore({ path });
    await store.set("anthropic", first);
    await store.set("anthropic", second);
    expect(await fs.readdir(join(root, ".llm-do"))).toEqual(["oauth.json"]);
  });

  it("keeps other providers on set and remove", async () => {
    const store = createFileTokenStore({ path });
    await store.set("anthropic", first);
    await store.set("other", second);
    expect(await store.get("anthropic")).toEqual(first);
    expect(await store.remove("anthropic")).toBe(true);
    expect(await store.remove("anthropic")).toBe(false);
    expect({ ...(await store.load()) }).toEqual({ other: second });
  });

  it("looks providers up by own property only", async () => {
    const store = createFileTokenStore({ path });
    expect(await store.get("toString")).toBeUndefined();
    expect(await store.remove("constructor")).toBe(false);
  });

  it("treats a missing, broken or unreadable file as empty", async () => {
    const store = createFileTokenStore({ path });
    expect({ ...(await store.load()) }).toEqual({});
    await fs.mkdir(join(root, ".llm-do"));
    await fs.writeFile(path, "{ not json");
    expect({ ...(await store.load()) }).toEqual({});
    await fs.writeFile(path, '{"anthropic": "text", "other": {"access": "a", "expires": "12"}}');
    expect({ ...(await store.load()) }).toEqual({
      other: { type: "oauth", refresh: "", access: "a", expires: 12 },
    });
    expect({ ...(await createFileTokenStore({ path: root }).load()) }).toEqual({});
  });

  it("overwrites a broken file on the next save", async () => {
    await fs.mkdir(join(root, ".llm-do"));
    await fs.writeFile(path, "garbage");
    await createFileTokenStore({ path }).set("anthropic", first);
    expect(JSON.parse(await fs.readFile(path, "utf8"))).toEqual({ anthropic: first });
  });
});

describe("createFileTokenStore when a write fails", () => {
  const failing = (step: "rename" | "write"): TokenStoreFileSystem => ({
    readFile: fs.readFile,
    mkdir: fs.mkdir,
    rm: fs.rm,
    rename: step === "rename" ? async () => Promise.reject(new Error("rename failed")) : fs.rename,
    open: async (file, flags, fileMode) => {
      const handle = await fs.open(file, flags, fileMode);
      if (step !== "write") return handle;
      return {
        writeFile: async (data: string, encoding: "utf8") => {
          await handle.writeFile(data.slice(0, 5), encoding);
          throw new Error("disk full");
        },
        sync: () => handle.sync(),
        close: () => handle.close(),
      };
    },
  });

  for (const [step, reason] of [
    ["rename", "rename failed"],
    ["write", "disk full"],
  ] as const) {
    it(`keeps the old file and removes the temporary one (${step})`, async () => {
      await createFileTokenStore({ path }).set("anthropic", first);
      const before = await fs.readFile(path, "utf8");
      const store = createFileTokenStore({ path, fs: failing(step) });
      await expect(store.set("anthropic", second)).rejects.toMatchObject({
        name: "ConfigError",
        message: `Could not write OAuth credentials to ${path}: ${reason}`,
      });
      expect(await fs.readFile(path, "utf8")).toBe(before);
      expect(await fs.readdir(join(root, ".llm-do"))).toEqual(["oauth.json"]);
    });
  }
});
