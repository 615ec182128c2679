/**
 * llm-do's own Postgres (`.llm-do/postgres` in the project): created on first use, started on
 * a free port, found again when a killed llm-do left it running, stopped by its last user. As
 * root it runs as `nobody`.
 */
import { spawn } from "node:child_process";
import { chmodSync, existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import {
  projectPostgresPaths,
  startProjectPostgres,
} from "../../src/durable/postgres/start-project-postgres.js";
import { tempProject } from "../../src/testing/temp-project.js";
import { isProcessAlive } from "../../src/util/process-lease.js";
import { TEST_POSTGRES_SETTINGS } from "../support/postgres-global-setup.js";
import { query, seedProjectPostgres } from "../support/test-postgres.js";

const isRoot = process.getuid?.() === 0;
const JITI = fileURLToPath(new URL("../../node_modules/jiti/lib/jiti-cli.mjs", import.meta.url));

describe("the project's own Postgres", () => {
  test("is created on first use, answers on its URL, and is stopped by its last user", async () => {
    await using project = await tempProject();
    chmodSync(project.dir, 0o755);
    const stateDirectory = project.path(".llm-do");
    const server = await startProjectPostgres({
      stateDirectory,
      fastInit: true,
      settings: TEST_POSTGRES_SETTINGS,
    });
    const paths = projectPostgresPaths(stateDirectory);
    try {
      expect(server.started).toBe(true);
      expect(server.url).toMatch(/^postgresql:\/\/llm_do:[^@]+@127\.0\.0\.1:\d+\/llm_do$/);
      const rows = await query(server.url.replace(/\/llm_do$/, "/postgres"), "SELECT current_user AS who");
      expect(rows).toEqual([{ who: "llm_do" }]);
      // As root, the cluster belongs to nobody; the password is readable by llm-do's user only.
      expect(statSync(paths.data).uid).toBe(isRoot ? 65534 : process.getuid?.());
      expect(statSync(paths.password).mode & 0o777).toBe(0o600);
      await expect(
        query(server.url.replace(/:[^:@]+@/, ":wrong@").replace(/\/llm_do$/, "/postgres"), "SELECT 1"),
      ).rejects.toThrow(/password authentication failed/);
    } finally {
      await server.release();
    }
    expect(isProcessAlive(server.pid)).toBe(false);
    expect(existsSync(path.join(paths.data, "postmaster.pid"))).toBe(false);
  });

  test("a server left by a killed llm-do is used again, and a second user keeps it running", async () => {
    await using project = await tempProject();
    seedProjectPostgres(project.dir);
    const stateDirectory = project.path(".llm-do");
    // Another process starts the server and is killed with SIGKILL while holding it.
    const script = fileURLToPath(new URL("./start-and-hang.ts", import.meta.url));
    const holder = spawn(process.execPath, [JITI, script, stateDirectory], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const pid = await new Promise<number>((resolve, reject) => {
      holder.stdout.setEncoding("utf8").once("data", (line: string) => resolve(Number(line)));
      holder.once("exit", (code) => reject(new Error(`the holder exited with ${code}`)));
    });
    holder.kill("SIGKILL");
    await new Promise((resolve) => holder.once("exit", resolve));
    expect(isProcessAlive(pid)).toBe(true);

    const first = await startProjectPostgres({ stateDirectory, settings: TEST_POSTGRES_SETTINGS });
    const second = await startProjectPostgres({ stateDirectory, settings: TEST_POSTGRES_SETTINGS });
    expect([first.started, second.started, first.pid, second.pid]).toEqual([false, false, pid, pid]);
    await first.release();
    expect(isProcessAlive(pid)).toBe(true);
    expect((await query(second.url, "SELECT 1 AS one"))[0]).toEqual({ one: 1 });
    await second.release();
    expect(isProcessAlive(pid)).toBe(false);
  });

  test("as root, says which directory nobody cannot enter and what to do", async () => {
    await using project = await tempProject();
    // tempProject's directory is private (mode 700): nobody cannot reach .llm-do inside it.
    const nobody = { type: "unprivileged", name: "nobody", uid: 65534, gid: 65534 } as const;
    const stateDirectory = project.path(".llm-do");
    await expect(startProjectPostgres({ stateDirectory, account: nobody })).rejects.toThrow(
      `llm-do runs as root, so its Postgres runs as 'nobody', which cannot enter ${project.dir}: let it (chmod o+x ${project.dir}), run llm-do as another user, or point --database-url (or LLM_DO_DATABASE_URL) at a Postgres`,
    );
  });

  test("a server that cannot start is reported with the end of its log", async () => {
    await using project = await tempProject();
    seedProjectPostgres(project.dir);
    const stateDirectory = project.path(".llm-do");
    await expect(
      startProjectPostgres({ stateDirectory, settings: ["shared_buffers=nonsense"] }),
    ).rejects.toThrow(
      /^Postgres did not start \(exit code 1\): .*shared_buffers.* \(log: .*postgres\.log\)$/,
    );
    expect(readFileSync(projectPostgresPaths(stateDirectory).log, "utf8")).toContain("shared_buffers");
  });
});
