#!/usr/bin/env bash
# `npm run check:install`: what a user does to get the `llm-do` command outside this repository
# (README, "The llm-do command outside this repository"), into a temporary prefix: pack the
# repository, install the tarball globally, then run the calculator example (a worker and a
# tools.ts that imports llm-do and zod) from a folder with no node_modules, offline.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$root"
tarball="$(npm pack --pack-destination "$work" --silent | tail -1)"
# The dependencies are in npm's cache from the repository's own install.
npm install --global --prefix "$work/prefix" --prefer-offline --no-audit --no-fund \
  --loglevel=error "$work/$tarball" >/dev/null
export PATH="$work/prefix/bin:$PATH"
[ "$(command -v llm-do)" = "$work/prefix/bin/llm-do" ] || { echo "llm-do is not the installed one" >&2; exit 1; }

mkdir "$work/project"
cp examples/calculator/main.worker examples/calculator/tools.ts examples/calculator/demo.replay "$work/project/"
cd "$work/project"
answer="$(llm-do main.worker tools.ts --model replay:demo.replay \
  "What is 10 factorial plus the 12th Fibonacci number?")"
if ! grep -q "3,628,944" <<<"$answer"; then
  echo "check:install: unexpected answer from the installed llm-do:" >&2
  echo "$answer" >&2
  exit 1
fi
llm-do-oauth --help >/dev/null
echo "check:install: $tarball installed globally; llm-do ran the calculator example outside the repository (Node $(node --version))"
