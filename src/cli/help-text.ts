/**
 * @module The parts of `llm-do --help` that are prose: what the arguments are, examples, and
 * the environment.
 */

/** The one-paragraph description at the top of the help. */
export const HELP_DESCRIPTION = `Run an entry (a worker or a tool) from .worker files and TypeScript/JavaScript tool files.

Arguments are files or prompt words: every argument ending in .worker, .ts, .mts, .js or .mjs
is a file to load; all other arguments are joined with spaces into the prompt. With no prompt
words and stdin not a terminal, the prompt is read from stdin. With no files, the project file
llm-do.yaml (here or in a folder above) names them, and the entry and defaults (docs/projects.md).`;

/** Text after the option list. */
export const HELP_AFTER = `
Modes:
  TUI        the default when stdout is a terminal (approvals are asked interactively)
  headless   --headless, or stdout is not a terminal: the result goes to stdout,
             progress (-v, -vv) and errors to stderr
  JSON       --json: the event stream as NDJSON on stderr, the result on stdout

Approvals (headless and JSON modes):
  Without flags, the first call that needs approval fails the run (exit 1).
  --approve-all approves such calls; --reject-all denies them and lets the model continue.
  Blocked calls (outside the allowed paths or commands) always go back to the model.

Examples:
  llm-do main.worker "Tell me a joke"
  llm-do "Tell me a joke"                                  (files from llm-do.yaml)
  llm-do main.worker tools.ts "Add 2 and 3"
  llm-do orchestrator.worker analyzer.worker --entry orchestrator "Review src/"
  llm-do tools.ts --entry build "release notes"          (a tool as the entry)
  llm-do fetch.worker --input-json '{"url": "https://example.com"}'   (an object input)
  llm-do main.worker --set model=anthropic:claude-sonnet-4-5 "input"
  llm-do main.worker --set toolsets.filesystem.write_approval=false "Write notes.md"
  git diff | llm-do review.worker --headless -v
  llm-do main.worker --json "input" 2> events.ndjson

Recording, replay, traces and budgets:
  --record run.replay    record every model exchange (keyed by call path and step) and approval
  --model replay:run.replay   replay it offline; tools really run; drift fails the run
                         (--replay-drift report: report it and go on). Format: docs/testing.md
  --trace run.json       write the call tree; show it with 'llm-do trace run.json [--html out.html]'
  --max-cost 0.50 --max-tokens 100000 --max-calls 40   stop the run when one is passed

Evals (see llm-do eval --help):
  llm-do eval cases-from run.replay --call summarize > cases.yaml
  llm-do eval summarize.worker --cases cases.yaml    check a worker (or its hardened tool)
Batches and durable runs:
  llm-do batch main.worker --inputs items.jsonl --out results.jsonl   (see llm-do batch --help)
  llm-do runner main.worker --database-url URL   take items of batches from the queue, on
                         any machine that reaches the database (see llm-do runner --help)
  --durable              record each model request and tool call in Postgres; killed, the
                         same command resumes without repeating finished ones (docs/durable.md)

Exit codes:
  0 success, 1 the run failed, 2 usage error, 130 interrupted (Ctrl+C), 143 SIGTERM, 129 SIGHUP

Environment:
  LLM_DO_MODEL           model when neither --model nor the worker's front matter sets one
  ANTHROPIC_API_KEY      key for anthropic:* models (ANTHROPIC_BASE_URL overrides the endpoint)
  OPENAI_API_KEY         key for openai:* models (OPENAI_BASE_URL)
  GOOGLE_GENERATIVE_AI_API_KEY  key for google:* models
  OPENROUTER_API_KEY     key for openrouter:* models
  OLLAMA_BASE_URL        server for ollama:* models (default http://127.0.0.1:11434)
  LLM_DO_OPENAI_COMPATIBLE_BASE_URL, LLM_DO_OPENAI_COMPATIBLE_API_KEY
                         endpoint for openai-compatible:* models
  OTEL_EXPORTER_OTLP_ENDPOINT   send OpenTelemetry spans of each run there (OTLP/HTTP JSON)
  LLM_DO_DATABASE_URL    Postgres of durable runs (default: llm-do's own, under .llm-do/)

Models are written provider:model-id (anthropic:claude-haiku-4-5, openai:gpt-4o-mini);
builtin:echo answers offline. Precedence: --model, then the worker's model, then LLM_DO_MODEL.
See docs/cli.md for the full reference.
`;
