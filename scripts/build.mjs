// Compiles src/ to dist/ with tsc. Cleans dist/ first so removed modules do not linger.
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
rmSync(new URL("../dist", import.meta.url), { recursive: true, force: true });
const tsc = path.join(path.dirname(require.resolve("typescript/package.json")), "bin/tsc");
execFileSync(process.execPath, [tsc, "-p", "tsconfig.json"], { stdio: "inherit" });
