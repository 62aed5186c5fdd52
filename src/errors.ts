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
 * What a person can act on in an error from outside our code (the file system, SQLite,
 * Telegram), looked up along its cause chain; null when it is none of those.
 */
function knownCause(error: unknown): string | null {
  let e = error;
  for (let depth = 0; e !== null && typeof e === "object" && depth < 5; depth++) {
    const x = e as { code?: unknown; name?: unknown; error_code?: unknown; description?: unknown; method?: unknown; cause?: unknown };
    if (x.code === "ENOSPC" || x.code === "SQLITE_FULL") return "the disk is full (ENOSPC): free some space where INDEX_DIR and DATA_DIR are, then try again";
    if (x.code === "EACCES" || x.code === "EPERM" || x.code === "EROFS" || x.code === "SQLITE_READONLY") {
      return `permission denied (${String(x.code)}): this process cannot write to INDEX_DIR or DATA_DIR; check the folders' owner and mode`;
    }
    if (x.name === "GrammyError" && x.error_code === 401) return "Telegram rejected the bot token (401 Unauthorized): copy TELEGRAM_BOT_TOKEN again from @BotFather (a revoked token stops working at once)";
    if (x.name === "GrammyError") return `Telegram refused ${String(x.method)} (${String(x.error_code)}: ${String(x.description)})`;
    if (x.name === "HttpError") return "could not reach the Telegram Bot API (network error); check the connection, or TELEGRAM_API_ROOT if you set it";
    e = x.cause;
  }
  return null;
}

/**
 * One line a person can act on: our own errors as they are; a known outside cause in words
 * (disk full, token rejected); operating-system errors with their fix; anything else with its
 * message and how to see where it happened.
 */
export function describeError(error: unknown): string {
  if (error instanceof AppError) return error.message;
  const known = knownCause(error);
  if (known) return known;
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  const fix = typeof code === "string" ? SYSTEM_FIXES[code] : undefined;
  if (fix) return `${message} — ${fix}`;
  return `unexpected error: ${message} — run again with LOG_LEVEL=debug (and LOG_FILE to keep it) to see where it happened, and report it if it persists`;
}
