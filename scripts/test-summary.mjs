// Prints one plain closing line from vitest's JSON report: "Tests: N passed, N failed, N skipped".
import { readFileSync } from "node:fs";

const report = JSON.parse(readFileSync(new URL("../coverage/vitest-report.json", import.meta.url), "utf8"));
const skipped = report.numPendingTests + report.numTodoTests;
console.log(`Tests: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped`);
