/**
 * @module Built-in toolsets (filesystem, shell, MCP) are factories: a worker's front matter
 * configures them, and each referencing worker gets its own instance.
 */
import type { z } from "zod";
import type { Toolset } from "../tools/tool.js";
import type { DynamicWorkerHost } from "./dynamic-workers/dynamic-worker-host.js";

/** What a factory may use when it builds a toolset for one worker. */
export interface ToolsetEnvironment {
  /** The run's working directory (absolute). */
  cwd: string;
  /** The absolute path of the `.worker` file that references the toolset. */
  workerFile: string;
  /** The referencing worker's name. */
  workerName: string;
  /** The run's environment variables. */
  env: Readonly<Record<string, string | undefined>>;
  /**
   * Reports something the user should know that does not stop the run (e.g. shell commands
   * running without a sandbox). The run shows each distinct message once, as a `warning` event.
   */
  warn?: (message: string) => void;
  /**
   * The project folder (absolute): the folder of the project file (`llm-do.yaml`) the run uses;
   * without one, `cwd`.
   */
  projectDir?: string;
  /** Creates and calls workers for the referencing worker (`dynamic_workers`); set within a run. */
  dynamicWorkers?: DynamicWorkerHost;
}

/** A toolset built from configuration. */
export interface ToolsetFactory<Config = unknown> {
  readonly kind: "toolset-factory";
  /** The built-in name (`filesystem`, `shell`) or a descriptive name for messages. */
  readonly name: string;
  /** Validates the front-matter configuration (without `_approval_config`). */
  readonly configSchema: z.ZodType<Config>;
  /** Builds the toolset. May start processes (MCP); `Toolset.close` releases them. */
  create(config: Config, environment: ToolsetEnvironment): Toolset | Promise<Toolset>;
}

/**
 * Loads a built-in toolset's factory: its modules (the shell's sandbox and profiles, the
 * filesystem tools) load only when a worker names it, so a run without them does not pay for them.
 */
export type ToolsetFactoryLoader = () => Promise<ToolsetFactory>;

/** True for values that are toolset factories. */
export function isToolsetFactory(value: unknown): value is ToolsetFactory {
  return (
    typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "toolset-factory"
  );
}
