/**
 * @module The progress line under the transcript while a turn runs: a spinner, what each
 * innermost call is doing and for how long, and the turn's time and usage so far.
 */
import { Box, Text } from "ink";
import { useEffect, useState } from "react";
import { formatDuration, formatUsage } from "../cli/format-usage.js";
import type { ActivityItem } from "./describe-activity.js";
import type { TurnState } from "./ui-state.js";

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
const INTERVAL_MS = 100;

/** Props of {@link ActivityLine}. */
export interface ActivityLineProps {
  items: readonly ActivityItem[];
  turn: TurnState;
  /** The clock (tests pass a fixed one). */
  now?: () => number;
}

/** `⠋ main · waiting for the model · 2.1s`, then `elapsed 5.0s · 2 requests, ...`. */
export function ActivityLine({ items, turn, now = Date.now }: ActivityLineProps) {
  const [time, setTime] = useState(now);
  useEffect(() => {
    const timer = setInterval(() => setTime(now()), INTERVAL_MS);
    return () => clearInterval(timer);
  }, [now]);
  const frame = FRAMES[Math.floor(time / INTERVAL_MS) % FRAMES.length];
  return (
    <Box flexDirection="column" marginTop={1}>
      {items.map((item, index) => (
        <Text key={item.callId}>
          <Text color="magenta">{index === 0 ? `${frame} ` : "  "}</Text>
          {item.label ? <Text color="cyan">{`${item.label} · `}</Text> : null}
          <Text>{item.status}</Text>
          <Text dimColor>{` · ${formatDuration(Math.max(time - item.since, 0))}`}</Text>
        </Text>
      ))}
      <Text dimColor>
        {`${items.length === 0 ? `${frame} ` : "  "}elapsed ${formatDuration(Math.max(time - turn.startedAt, 0))} · ${formatUsage(turn.usage)}`}
      </Text>
    </Box>
  );
}
