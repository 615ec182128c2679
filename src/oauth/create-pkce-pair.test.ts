import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { computePkceChallenge, createPkcePair } from "./create-pkce-pair.js";

const base64url = /^[A-Za-z0-9_-]+$/;

describe("createPkcePair", () => {
  it("makes a 43-character base64url verifier from 32 random bytes", () => {
    const { verifier } = createPkcePair();
    expect(verifier).toHaveLength(43);
    expect(verifier).toMatch(base64url);
    expect(Buffer.from(verifier, "base64url")).toHaveLength(32);
  });

  it("derives the challenge as base64url(sha256(verifier)) without padding", () => {
    const { verifier, challenge } = createPkcePair();
    const expected = createHash("sha256").update(verifier).digest("base64").replace(/=+$/, "");
    expect(challenge).toBe(expected.replaceAll("+", "-").replaceAll("/", "_"));
    expect(challenge).toHaveLength(43);
    expect(challenge).toMatch(base64url);
  });

  it("uses the injected random source", () => {
    const pair = createPkcePair({ randomBytes: (size) => new Uint8Array(size).fill(0xfb) });
    expect(pair.verifier).toBe(`${"-_v7".repeat(10)}-_s`);
    expect(pair.challenge).toBe(computePkceChallenge(pair.verifier));
  });

  it("gives a fresh verifier each time", () => {
    expect(createPkcePair().verifier).not.toBe(createPkcePair().verifier);
  });
});

describe("computePkceChallenge", () => {
  it("matches the RFC 7636 appendix B example", () => {
    expect(computePkceChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).toBe(
      "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    );
  });
});
