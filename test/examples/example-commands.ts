/**
 * @module The commands the examples' READMEs tell you to run offline, exactly as written there
 * (after `cd examples/<name>`): `npx llm-do ...`, or `npx node <program>` for a program that uses
 * llm-do as a library. The example tests run each of them through the real CLI; the
 * docs test checks that every `llm-do` command in the Markdown is one of these, or the same
 * command with a real model instead of the replay.
 */

/** A documented command and what it must do. */
export interface ExampleCommand {
  /** The folder under `examples/`. */
  example: string;
  /** The line as documented, run from the example's folder. */
  line: string;
  /** The exit code it must end with. */
  exitCode: number;
}

/** The offline commands of every example, by a short id. */
export const exampleCommands = {
  greeter: {
    example: "greeter",
    line: 'npx llm-do main.worker --model replay:demo.replay "Tell me a joke"',
    exitCode: 0,
  },
  calculator: {
    example: "calculator",
    line: 'npx llm-do main.worker tools.ts --model replay:demo.replay "What is 10 factorial plus the 12th Fibonacci number?"',
    exitCode: 0,
  },
  approvalsDemo: {
    example: "approvals_demo",
    line: 'npx llm-do main.worker --model replay:demo.replay --approve-all "2026-03-14 09:30 Called the bank about the card"',
    exitCode: 0,
  },
  approvalsDemoHeadless: {
    example: "approvals_demo",
    line: 'npx llm-do main.worker --model replay:demo.replay --headless "2026-03-14 09:30 Called the bank about the card"',
    exitCode: 1,
  },
  dataProcessor: {
    example: "data_processor",
    line: 'npx llm-do main.worker tools.ts --model replay:demo.replay --approve-all "Weekly sales: 120, 95.5, 143, 88. Give me the stats and notify the sales channel."',
    exitCode: 0,
  },
  fileOrganizer: {
    example: "file_organizer",
    line: './reset.sh && npx llm-do main.worker tools.ts --model replay:demo.replay --approve-all "Organize messy_files"',
    exitCode: 0,
  },
  codeAnalyzer: {
    example: "code_analyzer",
    line: 'npx llm-do main.worker --model replay:demo.replay "Give me an overview of sample_app and its open TODOs"',
    exitCode: 0,
  },
  webSearcher: {
    example: "web_searcher",
    line: 'npx llm-do main.worker --model replay:demo.replay "What is the tallest tree species?"',
    exitCode: 0,
  },
  pitchdeckEval: {
    example: "pitchdeck_eval",
    line: 'npx llm-do main.worker pitch_evaluator.worker --model replay:demo.replay --approve-all "Evaluate the pitch decks in input/"',
    exitCode: 0,
  },
  pitchdeckEvalHardened: {
    example: "pitchdeck_eval_hardened",
    line: 'npx llm-do main.worker pitch_evaluator.worker tools.ts --model replay:demo.replay --approve-all "Evaluate the pitch decks in input/"',
    exitCode: 0,
  },
  pitchdeckEvalCodeEntry: {
    example: "pitchdeck_eval_code_entry",
    line: 'npx llm-do tools.ts pitch_evaluator.worker --entry main --model replay:demo.replay "Go"',
    exitCode: 0,
  },
  pitchdeckEvalsCasesFrom: {
    example: "pitchdeck_evals",
    line: "npx llm-do eval cases-from pitchdeck_eval.replay",
    exitCode: 0,
  },
  pitchdeckEvalsHardened: {
    example: "pitchdeck_evals",
    line: "npx llm-do eval ../pitchdeck_eval_hardened/main.worker ../pitchdeck_eval_hardened/pitch_evaluator.worker ../pitchdeck_eval_hardened/tools.ts --cases cases.yaml --model replay:hardened.replay --approve-all",
    exitCode: 0,
  },
  pitchdeckEvalsBaseline: {
    example: "pitchdeck_evals",
    line: "npx llm-do eval ../pitchdeck_eval_code_entry/tools.ts ../pitchdeck_eval_code_entry/pitch_evaluator.worker --cases cases.yaml --baseline-files ../pitchdeck_eval/main.worker,../pitchdeck_eval/pitch_evaluator.worker --model replay:demo.replay --approve-all",
    exitCode: 0,
  },
  whiteboardPlanner: {
    example: "whiteboard_planner",
    line: 'npx llm-do main.worker whiteboard_planner.worker --model replay:demo.replay --approve-all "Plan from the whiteboards in input/"',
    exitCode: 0,
  },
  webResearchAgent: {
    example: "web_research_agent",
    line: 'npx llm-do main.worker web_research_extractor.worker web_research_consolidator.worker web_research_reporter.worker tools.ts --model replay:demo.replay --approve-all "Community tool libraries: use the saved pages in sources/"',
    exitCode: 0,
  },
  testing: {
    example: "testing",
    line: 'npx llm-do main.worker tools.ts --model replay:demo.replay "What do I buy for pancakes for 6?"',
    exitCode: 0,
  },
  recursiveSummarizer: {
    example: "recursive_summarizer",
    line: "npx llm-do --model replay:demo.replay",
    exitCode: 0,
  },
  recursiveSummarizerDepthLimit: {
    example: "recursive_summarizer",
    line: "npx llm-do --model replay:demo.replay --max-depth 2",
    exitCode: 1,
  },
  recursiveTaskDecomposer: {
    example: "recursive_task_decomposer",
    line: "npx llm-do --model replay:demo.replay --input-json @task.json",
    exitCode: 0,
  },
  recursiveTaskDecomposerBudget: {
    example: "recursive_task_decomposer",
    line: "npx llm-do --model replay:demo.replay --input-json @task.json --max-calls 2",
    exitCode: 1,
  },
  bootstrapping: {
    example: "bootstrapping",
    line: "npx llm-do --model replay:demo.replay --approve-all",
    exitCode: 0,
  },
  dataReport: {
    example: "data_report",
    line: "npx llm-do --model replay:demo.replay --approve-all",
    exitCode: 0,
  },
  dataReportStabilized: {
    example: "data_report_stabilized",
    line: "npx llm-do --model replay:demo.replay --approve-all",
    exitCode: 0,
  },
  orchestratingTool: {
    example: "orchestrating_tool",
    line: 'npx llm-do --model replay:demo.replay "Rust or Go for a new web service?"',
    exitCode: 0,
  },
  entryLogging: {
    example: "entry_logging",
    line: 'npx llm-do --model replay:demo.replay "Hello, my name is Ada"',
    exitCode: 0,
  },
  pitchdeckEvalDirect: {
    example: "pitchdeck_eval_direct",
    // Not the llm-do command: a TypeScript program that uses llm-do as a library.
    line: "npx node run.ts --model replay:demo.replay",
    exitCode: 0,
  },
} as const satisfies Record<string, ExampleCommand>;

/** Every documented offline command. */
export const allExampleCommands: readonly ExampleCommand[] = Object.values(exampleCommands);

/** Every example folder. */
export const exampleNames = [...new Set(allExampleCommands.map((command) => command.example))].sort();
