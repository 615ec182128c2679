/**
 * @module `${NAME}` references in an MCP server's `env` and `headers`, so worker files can pass
 * secrets (`Authorization: Bearer ${GITHUB_TOKEN}`) without containing them.
 */
import { ConfigError } from "../../errors.js";

const reference = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Options for {@link expandEnvironmentReferences}. */
export interface ExpandEnvironmentReferencesOptions {
  /** The values to expand, e.g. a server's `env` or `headers`. */
  values: Readonly<Record<string, string>>;
  /** The run's environment, where `${NAME}` is looked up. */
  env: Readonly<Record<string, string | undefined>>;
  /** Names the values in messages, e.g. `MCP server 'notes': env.TOKEN`. */
  describeKey: (key: string) => string;
}

/**
 * Replaces every `${NAME}` in each value with the run's `NAME`. Only the braced form is
 * expanded (`$NAME` stays as written), and there is no escape.
 *
 * Contract: throws `ConfigError` naming the key and the variable when a variable is not set.
 */
export function expandEnvironmentReferences(
  options: ExpandEnvironmentReferencesOptions,
): Record<string, string> {
  const expanded: Record<string, string> = {};
  for (const [key, value] of Object.entries(options.values)) {
    expanded[key] = value.replace(reference, (_match, name: string) => {
      const replacement = Object.hasOwn(options.env, name) ? options.env[name] : undefined;
      if (replacement === undefined) {
        throw new ConfigError(
          `${options.describeKey(key)} uses \${${name}}, which is not set in the environment`,
        );
      }
      return replacement;
    });
  }
  return expanded;
}
