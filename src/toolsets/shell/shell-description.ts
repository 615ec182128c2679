/**
 * @module What the model reads about the `shell` tool.
 */

/** The `shell` tool's description, shown to the model. */
export const SHELL_DESCRIPTION = `Run one command and return its output as {stdout, stderr, exit_code, truncated}.

The command is split into words with POSIX shell quoting rules and executed directly, without a shell: there is no globbing (*), no variable or tilde expansion ($HOME, ~), and no pipes, redirections or command chaining. Commands containing |, >, <, ;, &, \`, $( or \${ are refused: run one command at a time and combine the results yourself. Only commands allowed by the configured rules run, and some need the user's approval.

A non-zero exit_code is a normal result; read stderr to see why. Each stream is cut at 50,000 characters (truncated is then true): prefer commands that print less, such as limiting with options like -n or --max-count. Commands are stopped after the timeout (default 30 seconds, at most 300).`;

/** The description of the `command` parameter. */
export const COMMAND_PARAMETER_DESCRIPTION =
  "The command to run, e.g. `git log -n 5 --oneline`. Quote arguments containing spaces: `grep -rn 'two words' src`.";

/** The description of the `timeout` parameter. */
export const TIMEOUT_PARAMETER_DESCRIPTION = "Timeout in seconds (default 30, at least 1, at most 300).";
