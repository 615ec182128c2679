// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${NAME}` references are what these tests are about.
import { describe, expect, test } from "vitest";
import { ConfigError } from "../../errors.js";
import { expandEnvironmentReferences } from "./expand-environment-references.js";

const describeKey = (key: string) => `MCP server 'github': headers.${key}`;

describe("expandEnvironmentReferences", () => {
  test("replaces each ${NAME} and leaves everything else as written", () => {
    const values = { Authorization: "Bearer ${TOKEN}", Mixed: "${A}-${B} $A ${not valid}", Plain: "x" };
    expect(
      expandEnvironmentReferences({ values, env: { TOKEN: "t0k", A: "1", B: "" }, describeKey }),
    ).toEqual({
      Authorization: "Bearer t0k",
      Mixed: "1- $A ${not valid}",
      Plain: "x",
    });
  });

  test("an unset variable is a configuration error naming the key and the variable", () => {
    const expand = () =>
      expandEnvironmentReferences({ values: { Authorization: "Bearer ${TOKEN}" }, env: {}, describeKey });
    expect(expand).toThrow(ConfigError);
    expect(expand).toThrow(
      "MCP server 'github': headers.Authorization uses ${TOKEN}, which is not set in the environment",
    );
  });

  test("looks variables up by own property only", () => {
    const expand = () =>
      expandEnvironmentReferences({ values: { X: "${constructor}" }, env: {}, describeKey });
    expect(expand).toThrow(
      "MCP server 'github': headers.X uses ${constructor}, which is not set in the environment",
    );
  });
});
