// Typed errors. Library code throws these; only src/cli/ maps them to exit codes and one-line
// messages. A message must never contain input bytes (values, keys or slices of a file): name
// the file, the field path or the limit instead.

export abstract class GuardError extends Error {
  abstract readonly category: string;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The input could not be fully read: truncated, malformed, wrong kind, unsupported version. */
export class InputError extends GuardError {
  readonly category = "input";
}

/** An input exceeded a configured limit (size, nesting depth). */
export class LimitError extends GuardError {
  readonly category = "limit";
}

/** blastguard.yaml, --config, --intent or --override is invalid. */
export class ConfigError extends GuardError {
  readonly category = "config";
}

/** The compiled policy bundle is missing, altered or of another ABI. */
export class PolicyLoadError extends GuardError {
  readonly category = "policy-load";
}

/** The policy engine failed, timed out, or returned something other than a complete report. */
export class EvaluationError extends GuardError {
  readonly category = "evaluation";
}

/** Anything thrown that is not one of ours (including thrown strings), as a safe message. */
export function describeUnexpected(thrown: unknown): string {
  if (thrown instanceof GuardError) return thrown.message;
  const kind = thrown instanceof Error ? thrown.name : typeof thrown;
  return `internal error (${kind}); the check could not complete`;
}

/** Why a file could not be opened or read, from the system's error code (never its message). */
export function whyNotOpened(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === "ENOENT") return "no such file";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "is a directory, not a file";
  return "cannot be opened";
}
