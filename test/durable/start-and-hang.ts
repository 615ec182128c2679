// Starts the project's Postgres (state directory in argv[2]), prints its pid, and waits to be
// killed: a stand-in for an llm-do process killed with SIGKILL mid-run.
import { startProjectPostgres } from "../../src/durable/postgres/start-project-postgres.js";

const server = await startProjectPostgres({ stateDirectory: process.argv[2]!, settings: ["fsync=off"] });
process.stdout.write(`${server.pid}\n`);
setInterval(() => {}, 1000);
