import { describe, expect, it } from "vitest";
import { splitFrontMatter } from "./split-front-matter.js";

describe("splitFrontMatter", () => {
  it("cuts the file at the first two '---' lines", () => {
    expect(splitFrontMatter("---\nname: a\nmodel: b:c\n---\n\nBody\n---\nmore\n", "a.worker")).toEqual({
      frontMatter: "name: a\nmodel: b:c",
      firstLine: 2,
      body: "Body\n---\nmore",
    });
  });

  it("accepts an empty front matter and an empty body", () => {
    expect(splitFrontMatter("---\n---", "a.worker")).toEqual({ frontMatter: "", firstLine: 2, body: "" });
  });

  it("turns CRLF into LF and drops a byte-order mark", () => {
    expect(splitFrontMatter("\uFEFF---\r\nname: a\r\n---\r\nOne\r\nTwo\r\n", "a.worker")).toEqual({
      frontMatter: "name: a",
      firstLine: 2,
      body: "One\nTwo",
    });
  });

  it("does not take '----' or an indented '---' for a delimiter", () => {
    expect(() => splitFrontMatter("----\nname: a\n---\n", "a.worker")).toThrow(
      "a.worker:1:1: missing front matter: a worker file starts with a '---' line, then YAML, then a closing '---' line",
    );
    expect(() => splitFrontMatter("---\nname: a\n ---\n", "a.worker")).toThrow(
      "a.worker:1:1: front matter is not closed: add a '---' line after the YAML, before the instructions",
    );
  });

  it("rejects an empty file", () => {
    expect(() => splitFrontMatter("", "empty.worker")).toThrow("empty.worker:1:1: missing front matter");
  });
});
