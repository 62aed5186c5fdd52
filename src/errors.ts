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

/** A message safe to show a person: our own errors as they are, anything else without internals. */
export function describeError(error: unknown): string {
  if (error instanceof AppError) return error.message;
  return "internal error (details are in the log)";
}
