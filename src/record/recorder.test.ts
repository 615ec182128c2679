import { readFile } from "node:fs/promises";
import { describe, expect, test } from "vitest";
import type { ConfigError } from "../errors.js";
import { tempProject } from "../testing/index.js";
import type { AppendFile } from "../util/append-file.js";
import { formatRecording } from "./format-recording.js";
import { parseRecording } from "./parse-recording.js";
import { Recorder } from "./recorder.js";
import type { RecordedApproval, RecordedExchange } from "./recording.js";

const exchange = (key: string, text: string): RecordedExchange => ({ key, response: { text } });
const approval: RecordedApproval = { approval: "main/2 > write", tool: "write", decision: "approved" };

describe("Recorder", () => {
  test.each(["demo.replay", "demo.jsonl"])(
    "%s: each entry is in the file when it is added; the end rewrites it in call-tree order",
    async (name) => {
      await using project = await tempProject({ [name]: "an older recording\n" });
      const errors: ConfigError[] = [];
      const recorder = new Recorder({ file: project.path(name), onError: (error) => errors.push(error) });
      const read = async () => parseRecording(await readFile(project.path(name), "utf8"), name);

      // The parallel call's exchange finishes before the first one.
      recorder.addExchange([1, 1, 2, 1, 0], exchange("main/1 > b/1", "from b"));
      let recording = await read();
      expect([...recording.exchanges.keys()]).toEqual(["main/1 > b/1"]);
      expect(recording.end).toMatchObject({ type: "cut", lastKey: "main/1 > b/1" });
      recorder.addExchange([1, 1, 1, 1, 0], exchange("main/1 > a/1", "from a"));
      recorder.addApproval([1, 2, 1], approval);
      recording = await read();
      expect([...recording.exchanges.keys()]).toEqual(["main/1 > b/1", "main/1 > a/1"]);
      expect(recording.end).toMatchObject({ type: "cut", lastKey: "approval of main/2 > write" });

      await recorder.save();
      expect(await readFile(project.path(name), "utf8")).toBe(
        formatRecording(
          [exchange("main/1 > a/1", "from a"), exchange("main/1 > b/1", "from b"), approval],
          name,
        ),
      );
      expect((await read()).end).toEqual({ type: "complete" });
      // Something that finishes after the end does not reopen (and empty) the finished file.
      recorder.addExchange([9], exchange("main/9", "late"));
      expect([...(await read()).exchanges.keys()]).toEqual(["main/1 > a/1", "main/1 > b/1"]);
      expect(errors).toEqual([]);
    },
  );

  test("a failing append is reported once, appending stops, and the end still writes the whole file", async () => {
    await using project = await tempProject({});
    const errors: ConfigError[] = [];
    const appended: string[] = [];
    const file: AppendFile = {
      append(text) {
        if (appended.length === 2) throw new Error("ENOSPC: no space left on device, write");
        appended.push(text);
      },
      close() {},
    };
    const recorder = new Recorder({
      file: project.path("demo.replay"),
      displayName: "demo.replay",
      onError: (error) => errors.push(error),
      openAppendFile: () => file,
    });
    recorder.addExchange([1], exchange("main/1", "one"));
    recorder.addExchange([2], exchange("main/2", "two"));
    recorder.addExchange([3], exchange("main/3", "three"));
    expect(appended).toHaveLength(2);
    expect(errors.map((error) => error.message)).toEqual([
      "cannot write the recording demo.replay: ENOSPC: no space left on device, write",
    ]);
    await recorder.save();
    const recording = parseRecording(await readFile(project.path("demo.replay"), "utf8"), "demo.replay");
    expect([...recording.exchanges.keys()]).toEqual(["main/1", "main/2", "main/3"]);
  });

  test("a file that cannot be created fails the run at the first entry, naming it", async () => {
    await using project = await tempProject({});
    const errors: ConfigError[] = [];
    const recorder = new Recorder({
      file: project.path("missing/demo.replay"),
      displayName: "missing/demo.replay",
      onError: (error) => errors.push(error),
    });
    recorder.addExchange([1], exchange("main/1", "one"));
    expect(errors[0]?.message).toMatch(/^cannot write the recording missing\/demo\.replay: ENOENT/);
    await expect(recorder.save()).rejects.toThrow(
      /^cannot write the recording missing\/demo\.replay: ENOENT/,
    );
  });
});
