/**
 * @module Provider warnings (an unsupported setting, a compatibility mode) as data for the
 * output modes, instead of Node warnings printed on stderr by the AI SDK, which would break
 * the NDJSON stream and clutter headless output.
 */
import type { Warning } from "ai";

/** One warning a provider returned for a model call. */
export interface ModelWarning {
  /** The provider id, e.g. `anthropic.messages`. */
  provider?: string;
  /** The model id. */
  model?: string;
  /** One line for people. */
  message: string;
  /** The warning as the AI SDK gave it. */
  warning: Warning;
}

/**
 * Sends every AI SDK warning to `onWarning` (each distinct message once) until the returned function is called, which
 * restores the previous logger. The logger is a process global of the AI SDK
 * (`AI_SDK_LOG_WARNINGS`), so only the command line, which owns the process, installs one.
 */
export function captureModelWarnings(onWarning: (warning: ModelWarning) => void): () => void {
  const previous = globalThis.AI_SDK_LOG_WARNINGS;
  const seen = new Set<string>();
  globalThis.AI_SDK_LOG_WARNINGS = ({ warnings, provider, model }) => {
    for (const warning of warnings) {
      const message = formatModelWarning(warning, provider, model);
      // Providers repeat a warning on every request of a tool loop; once is enough.
      if (seen.has(message)) continue;
      seen.add(message);
      onWarning({
        ...(provider !== undefined ? { provider } : {}),
        ...(model !== undefined ? { model } : {}),
        message,
        warning,
      });
    }
  };
  return () => {
    globalThis.AI_SDK_LOG_WARNINGS = previous;
  };
}

/** `Warning (anthropic.messages / claude-x): The feature "topK" is not supported. <details>` */
export function formatModelWarning(warning: Warning, provider?: string, model?: string): string {
  const scope = provider !== undefined && model !== undefined ? ` (${provider} / ${model})` : "";
  const detail = (text: string, details?: string) => (details ? `${text} ${details}` : text);
  switch (warning.type) {
    case "unsupported":
      return `Warning${scope}: ${detail(`The feature "${warning.feature}" is not supported.`, warning.details)}`;
    case "compatibility":
      return `Warning${scope}: ${detail(`The feature "${warning.feature}" is used in a compatibility mode.`, warning.details)}`;
    case "deprecated":
      return `Warning${scope}: Deprecated: "${warning.setting}". ${warning.message}`;
    case "other":
      return `Warning${scope}: ${warning.message}`;
    default:
      return `Warning${scope}: ${JSON.stringify(warning)}`;
  }
}
