/**
 * @module One transcript entry, drawn by the view of its kind.
 */
import { NoticeView } from "./notice-view.js";
import { SeparatorView } from "./separator-view.js";
import { SummaryView } from "./summary-view.js";
import { TextEntryView } from "./text-entry-view.js";
import { ToolEntryView } from "./tool-entry-view.js";
import type { TranscriptEntry } from "./transcript-entry.js";
import { UserMessageView } from "./user-message-view.js";
import { WorkerEndView } from "./worker-end-view.js";
import { WorkerStartView } from "./worker-start-view.js";

/** Draws any entry. */
export function EntryView({ entry }: { entry: TranscriptEntry }) {
  switch (entry.kind) {
    case "user":
      return <UserMessageView entry={entry} />;
    case "separator":
      return <SeparatorView />;
    case "worker-start":
      return <WorkerStartView entry={entry} />;
    case "worker-end":
      return <WorkerEndView entry={entry} />;
    case "text":
      return <TextEntryView entry={entry} />;
    case "tool":
      return <ToolEntryView entry={entry} />;
    case "notice":
      return <NoticeView entry={entry} />;
    case "summary":
      return <SummaryView entry={entry} />;
  }
}
