/**
 * One error family. Every message says what went wrong and what to do about it,
 * and never contains a secret: messages are shown to users and written to logs.
 */
export class AppError extends Error {
  override readonly name: string = "AppError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A setting is missing or invalid; the message names the variable and the fix. */
export class ConfigError extends AppError {
  override readonly name = "ConfigError";
}

/** A file could not be read as an article (binary, undecodable, malformed). */
export class InputError extends AppError {
  override readonly name = "InputError";
  constructor(
    readonly origin: string,
    readonly reason: string,
  ) {
    super(`${origin}: ${reason}`);
  }
}

/** No embedding model was found locally or remotely. */
export class ModelNotFoundError extends AppError {
  override readonly name = "ModelNotFoundError";
}

/** The vector index was built with another model or dimension than the one configured. */
export class IndexMismatchError extends AppError {
  override readonly name = "IndexMismatchError";
}

/** Another process holds the index lock (a re-index or ingest is running). */
export class IndexBusyError extends AppError {
  override readonly name = "IndexBusyError";
}

/**
 * A page or feed could not be fetched or was refused (address, size, time, type, redirects, robots.txt).
 * `transient`: worth trying again later (time-out, network, 5xx); otherwise the same request gets the same refusal.
 */
export class FetchError extends AppError {
  override readonly name = "FetchError";
  constructor(
    readonly url: string,
    readonly reason: string,
    readonly transient = false,
  ) {
    super(`${url}: ${reason}`);
  }
}

/** What to do about the operating-system errors a person can fix, by Node's error code. */
const SYSTEM_FIXES: Record<string, string> = {
  EACCES: "no permission: run as a user who may use it, or point the setting at a folder you own",
  EPERM: "no permission: run as a user who may use it, or point the setting at a folder you own",
  ENOSPC: "the disk is full: free some space and run again",
  EADDRINUSE: "the port is already in use: stop the other program or set WEBHOOK_PORT",
  EMFILE: "too many open files: raise the limit (ulimit -n) and run again",
};

/**
 * One line a person can act on: our own errors as they are; operating-system errors with
 * their fix; anything else with its message and how to see where it happened (there is no
 * log file, so never "see the log").
 */
export function describeError(error: unknown): string {
  if (error instanceof AppError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  const fix = typeof code === "string" ? SYSTEM_FIXES[code] : undefined;
  if (fix) return `${message} — ${fix}`;
  return `unexpected error: ${message} — run again with LOG_LEVEL=debug to see where it happened, and report it if it persists`;
}
