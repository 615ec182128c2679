/**
 * @module Vetted profiles of common read-only commands: the options of each that only read and
 * print to standard output. An allow rule whose pattern is a profile's name (or that says
 * `profile: NAME`) allows these. Left out on purpose, so they need approval: anything that
 * writes a file (`--output`, `-o`, `-fprint`, `-T`), runs a program (`-exec`, `--pre`,
 * `--compress-program`, `--ext-diff`, `--textconv`, `--show-signature`), or follows forever
 * (`tail -f`). Long options whose value might be taken from the next word are listed as
 * `--name=VALUE` (attached only) unless the program is known to take the next word.
 * Options are written as in a rule's `options` ({@link parseOptionSpec}), separated by commas.
 */
import type { ArgumentAllowance, OperandLimit } from "./check-arguments.js";
import { parseOptionSpecs } from "./option-spec.js";

/** One profile, as written here. */
interface ProfileSource {
  options: readonly string[];
  operands: OperandLimit;
  /** Whether `--` ends the options (false for `find`, which reads its expression after it). */
  endOfOptions: boolean;
}

/** The entries of a comma-separated list. */
function list(text: string): string[] {
  return text
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
}

function profile(options: readonly string[], operands: OperandLimit, endOfOptions: boolean): ProfileSource {
  return { options, operands, endOfOptions };
}

const ANY: OperandLimit = { type: "any" };

const headTail = list(`
  -NUM, -n N, -c N, -q, -v, -z, --lines=N, --bytes=N, --quiet, --silent, --verbose,
  --zero-terminated`);

/** Options of `git diff` that only choose what is shown (shared by log, show and diff). */
const gitDiffOutput = list(`
  -p, -u, --patch, -s, --no-patch, -U[N], --unified=N, --raw, --patch-with-raw,
  --patch-with-stat, --stat[=WIDTH], --numstat, --shortstat, --dirstat[=PARAMS],
  --compact-summary, --summary, --name-only, --name-status, --check, -z, --full-index, --binary,
  --abbrev[=N], -M[N], --find-renames[=N], -C[N], --find-copies[=N], --find-copies-harder,
  --no-renames, -R, --relative[=PATH], --no-relative, -a, --text, -w, --ignore-all-space, -b,
  --ignore-space-change, --ignore-space-at-eol, --ignore-blank-lines, --ignore-cr-at-eol,
  --minimal, --patience, --histogram, --diff-algorithm=ALGORITHM, --word-diff[=MODE],
  --color[=WHEN], --no-color, --diff-filter=FILTER, -S STRING, -G REGEX, --pickaxe-all,
  --pickaxe-regex, -W, --function-context, --no-prefix, --ignore-submodules[=WHEN],
  --no-ext-diff, --no-textconv, --exit-code, --quiet`);

/** Options of `git log` and `git show` that choose commits and their format. */
const gitLog = [
  ...gitDiffOutput,
  ...list(`
  -NUM, -n N, --max-count=N, --skip=N, --since=DATE, --after=DATE, --until=DATE, --before=DATE,
  --author=PATTERN, --committer=PATTERN, --grep=PATTERN, --all-match, --invert-grep, -i,
  --regexp-ignore-case, -E, --extended-regexp, -F, --fixed-strings, --merges, --no-merges,
  --first-parent, --all, --branches[=PATTERN], --tags[=PATTERN], --remotes[=PATTERN], --oneline,
  --pretty[=FORMAT], --format=FORMAT, --abbrev-commit, --no-abbrev-commit, --decorate[=STYLE],
  --no-decorate, --graph, --reverse, --date=FORMAT, --relative-date, --follow, -L RANGE,
  --full-diff, --topo-order, --date-order, --author-date-order, --left-right, --cherry-pick,
  --boundary, --simplify-by-decoration, --source, --parents, --children, --no-notes, -c, --cc,
  -m`),
];

const profiles: Readonly<Record<string, ProfileSource>> = {
  cat: profile(
    list(`
    -A, -b, -e, -E, -n, -s, -t, -T, -u, -v, --show-all, --number-nonblank, --show-ends, --number,
    --squeeze-blank, --show-tabs, --show-nonprinting`),
    ANY,
    true,
  ),
  head: profile(headTail, ANY, true),
  tail: profile(headTail, ANY, true),
  wc: profile(
    list(`
    -c, -m, -l, -L, -w, --bytes, --chars, --lines, --max-line-length, --words`),
    ANY,
    true,
  ),
  ls: profile(
    list(`
    -a, -A, -b, -B, -c, -C, -d, -f, -F, -g, -G, -h, -H, -i, -k, -l, -L, -m, -n, -N, -o, -p, -q,
    -Q, -r, -R, -s, -S, -t, -u, -U, -v, -x, -X, -Z, -1, -I PATTERN, -w COLS, --all, --almost-all,
    --classify[=WHEN], --directory, --human-readable, --si, --inode, --literal, --numeric-uid-gid,
    --recursive, --reverse, --size, --dereference, --group-directories-first, --full-time,
    --color[=WHEN], --sort=WORD, --time=WORD, --time-style=STYLE, --format=WORD, --width=COLS,
    --ignore=PATTERN, --hide=PATTERN, --block-size=SIZE, --indicator-style=WORD,
    --quoting-style=WORD, --escape, --zero`),
    ANY,
    true,
  ),
  grep: profile(
    list(`
    -E, -F, -G, -P, -i, -v, -w, -x, -c, -l, -L, -o, -q, -s, -b, -H, -h, -n, -T, -Z, -z, -a, -I,
    -r, -R, -U, -NUM, -e PATTERN, -f FILE, -m NUM, -A NUM, -B NUM, -C NUM, --regexp=PATTERN,
    --file=FILE, --max-count=NUM, --after-context=NUM, --before-context=NUM, --context=NUM,
    --include=GLOB, --exclude=GLOB, --exclude-dir=GLOB, --binary-files=TYPE, --color[=WHEN],
    --extended-regexp, --fixed-strings, --basic-regexp, --perl-regexp, --ignore-case,
    --no-ignore-case, --invert-match, --word-regexp, --line-regexp, --count, --files-with-matches,
    --files-without-match, --only-matching, --quiet, --silent, --no-messages, --byte-offset,
    --with-filename, --no-filename, --line-number, --initial-tab, --null, --null-data, --text,
    --recursive, --dereference-recursive`),
    ANY,
    true,
  ),
  rg: profile(
    list(`
    -i, -s, -S, -w, -x, -v, -c, -l, -n, -N, -H, -I, -o, -F, -P, -U, -u, -L, -q, -a, -0,
    -e PATTERN, -f FILE, -g GLOB, -t TYPE, -T TYPE, -A NUM, -B NUM, -C NUM, -m NUM, -M NUM,
    --regexp=PATTERN, --glob=GLOB, --iglob=GLOB, --type=TYPE, --type-not=TYPE, --max-count=NUM,
    --max-depth=NUM, --max-filesize=SIZE, --max-columns=NUM, --after-context=NUM,
    --before-context=NUM, --context=NUM, --sort=WHAT, --sortr=WHAT, --color=WHEN, --hidden,
    --no-ignore, --no-ignore-vcs, --files, --files-with-matches, --files-without-match, --count,
    --count-matches, --line-number, --no-line-number, --ignore-case, --smart-case,
    --case-sensitive, --fixed-strings, --word-regexp, --line-regexp, --invert-match,
    --only-matching, --json, --vimgrep, --heading, --no-heading, --with-filename, --no-filename,
    --trim, --stats, --follow, --null, --multiline, --pcre2`),
    ANY,
    true,
  ),
  sort: profile(
    list(`
    -b, -d, -f, -g, -h, -i, -M, -n, -R, -r, -V, -c, -C, -m, -s, -u, -z, -k KEYDEF, -t SEPARATOR,
    --key=KEYDEF, --field-separator=SEPARATOR, --ignore-leading-blanks, --dictionary-order,
    --ignore-case, --general-numeric-sort, --human-numeric-sort, --ignore-nonprinting,
    --month-sort, --numeric-sort, --random-sort, --reverse, --version-sort, --sort=WORD, --merge,
    --stable, --unique, --zero-terminated`),
    ANY,
    true,
  ),
  // `uniq INPUT OUTPUT` writes OUTPUT: only the input may be named.
  uniq: profile(
    list(`
    -c, -d, -D, -i, -u, -z, -f N, -s N, -w N, --count, --repeated, --all-repeated[=METHOD],
    --group[=METHOD], --ignore-case, --unique, --zero-terminated, --skip-fields=N, --skip-chars=N,
    --check-chars=N`),
    { type: "at-most", count: 1 },
    true,
  ),
  // find reads its expression after `--`: it does not end the options.
  find: profile(
    list(`
    -H, -L, -P, -name VALUE, -iname VALUE, -path VALUE, -ipath VALUE, -wholename VALUE,
    -iwholename VALUE, -regex VALUE, -iregex VALUE, -lname VALUE, -ilname VALUE, -type VALUE,
    -xtype VALUE, -maxdepth VALUE, -mindepth VALUE, -size VALUE, -mtime VALUE, -mmin VALUE,
    -atime VALUE, -amin VALUE, -ctime VALUE, -cmin VALUE, -newer VALUE, -anewer VALUE,
    -cnewer VALUE, -used VALUE, -perm VALUE, -user VALUE, -group VALUE, -uid VALUE, -gid VALUE,
    -links VALUE, -inum VALUE, -samefile VALUE, -regextype VALUE, -fstype VALUE, -printf VALUE,
    -print, -print0, -ls, -prune, -quit, -empty, -readable, -writable, -executable, -nouser,
    -nogroup, -depth, -follow, -xdev, -mount, -noleaf, -true, -false, -daystart,
    -ignore_readdir_race, -noignore_readdir_race, -not, -and, -or, -a, -o`),
    ANY,
    false,
  ),
  "git log": profile(gitLog, ANY, true),
  "git show": profile(gitLog, ANY, true),
  "git diff": profile(
    [
      ...gitDiffOutput,
      ...list(`
    --cached, --staged, --merge-base`),
    ],
    ANY,
    true,
  ),
  "git status": profile(
    list(`
    -s, --short, -b, --branch, --show-stash, --porcelain[=VERSION], --long, -v, --verbose,
    -u[MODE], --untracked-files[=MODE], --ignored[=MODE], -z, --column[=OPTIONS], --no-column,
    --ahead-behind, --no-ahead-behind, --renames, --no-renames, --find-renames[=N]`),
    ANY,
    true,
  ),
  "git blame": profile(
    list(`
    -L RANGE, -b, -c, -e, -f, -l, -n, -p, -s, -t, -w, -M[N], -C[N], --root, --show-stats,
    --porcelain, --line-porcelain, --incremental, --show-name, --show-number, --show-email,
    --abbrev=N, --date=FORMAT, --ignore-rev=REV`),
    ANY,
    true,
  ),
};

/** The names of the vetted profiles, e.g. `grep`, `git log`. */
export const READ_ONLY_PROFILE_NAMES: readonly string[] = Object.keys(profiles);

const compiled = new Map<string, ArgumentAllowance>();

/** The allowance of the profile called `name`, or `undefined` when there is none. */
export function readOnlyProfile(name: string): ArgumentAllowance | undefined {
  if (!Object.hasOwn(profiles, name)) return undefined;
  let allowance = compiled.get(name);
  if (!allowance) {
    // Non-null: `name` comes from the profiles' own keys.
    const source = profiles[name]!;
    allowance = {
      options: { type: "listed", specs: parseOptionSpecs(source.options) },
      operands: source.operands,
      endOfOptions: source.endOfOptions,
    };
    compiled.set(name, allowance);
  }
  return allowance;
}
