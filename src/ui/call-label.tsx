/**
 * @module A call path, as shown beside nested output: `main > analyzer`.
 */
import { Text } from "ink";

/** The call path in a dim colour. */
export function CallLabel({ path }: { path: readonly string[] }) {
  return <Text color="cyan">{path.join(" > ")}</Text>;
}
