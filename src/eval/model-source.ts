/**
 * @module Which model each run of an eval gets from `--model`: none (every worker uses its own),
 * one model for the targets, or a replay file whose part under the run's prefix answers it.
 */

import path from "node:path";
import type { LanguageModelV4 } from "@ai-sdk/provider";
import { readRecording } from "../record/parse-recording.js";
import type { Recording } from "../record/recording.js";
import { REPLAY_PREFIX, replayModel } from "../record/replay-model.js";
import type { WorkerDefinition } from "../worker/worker-definition.js";
import { caseRecording } from "./case-replay.js";

/** Where the runs of an eval get their models. */
export type ModelSource =
  | { type: "own" }
  | { type: "model"; model: string }
  | { type: "replay"; recording: Recording };

/**
 * The source for a `--model` value (relative replay files start at `cwd`). Contract: throws a
 * ConfigError when a replay file cannot be read or parsed.
 */
export async function modelSourceOf(model: string | undefined, cwd: string): Promise<ModelSource> {
  if (model === undefined) return { type: "own" };
  if (!model.startsWith(REPLAY_PREFIX) || model.length === REPLAY_PREFIX.length)
    return { type: "model", model };
  const file = model.slice(REPLAY_PREFIX.length);
  return { type: "replay", recording: await readRecording(path.resolve(cwd, file), file) };
}

/** The model of a target's run (the target is the run's entry), or undefined for its own. */
export function targetModel(
  source: ModelSource,
  prefix: string,
  entry: string,
): string | LanguageModelV4 | undefined {
  switch (source.type) {
    case "own":
      return undefined;
    case "model":
      return source.model;
    case "replay":
      // Named after the whole file, so that an unpriced replay is one model in cost totals.
      return Object.assign(replayModel(caseRecording(source.recording, prefix, entry)), {
        modelId: source.recording.file,
      });
  }
}

/** The model of a judge's run: its own, unless it has none (or the eval replays). */
export function judgeModel(
  source: ModelSource,
  prefix: string,
  judge: WorkerDefinition,
): string | LanguageModelV4 | undefined {
  if (source.type === "model" && judge.model !== undefined) return undefined;
  return targetModel(source, prefix, judge.name);
}
