import { describe, expect, it } from "vitest";
import { seatbeltArguments, seatbeltProfile } from "./seatbelt-arguments.js";

describe("seatbeltArguments", () => {
  it("passes paths as parameters, never inside the profile text", () => {
    const args = seatbeltArguments({
      writable: '/Users/me/a "quoted" dir',
      tmp: "/private/var/folders/x/T/llm-do-sandbox-1",
      network: "deny",
      argv: ["/usr/bin/grep", "-rn", "TODO"],
    });
    expect(args[0]).toBe("-p");
    expect(args[1]).not.toContain("/Users/me");
    expect(args.slice(2)).toEqual([
      "-D",
      'WRITABLE=/Users/me/a "quoted" dir',
      "-D",
      "TMP=/private/var/folders/x/T/llm-do-sandbox-1",
      "-D",
      'GIT_CONFIG=/Users/me/a "quoted" dir/.git/config',
      "-D",
      'GIT_HOOKS=/Users/me/a "quoted" dir/.git/hooks',
      "/usr/bin/grep",
      "-rn",
      "TODO",
    ]);
  });

  it("denies writes, then allows the writable and temporary directories, then denies git's files; and the network", () => {
    const profile = seatbeltProfile("deny");
    const order = [
      "(deny file-write*)",
      '(subpath (param "WRITABLE"))',
      '(literal (param "GIT_CONFIG"))',
      "(deny network*)",
    ];
    const positions = order.map((text) => profile.indexOf(text));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(seatbeltProfile("allow")).not.toContain("network");
  });
});
