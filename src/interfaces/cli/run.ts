import fs from "node:fs";
import { loadConfig, type Config } from "../../config.js";
import { ConfigError, describeError } from "../../errors.js";
import { loadEmbedder } from "../../app.js";
import type { IndexingDeps } from "../../indexing/reindex.js";
import { createTerms } from "../../text/terms.js";
import { createLogger, stderrAndFile, type Logger } from "../../log.js";
import { describeProgress } from "./format.js";

export interface CliContext {
  config: Config;
  log: Logger;
  /** The command's usage, for its own complaints about its arguments. */
  usage: string;
}

/** Read an optional .env (values in the real environment win), then validate settings. */
export function loadSettings(): Config {
  if (fs.existsSync(".env")) {
    try {
      const before = { ...process.env };
      process.loadEnvFile(".env");
      Object.assign(process.env, before);
    } catch (e) {
      throw new ConfigError(`.env could not be read (${(e as Error).message}); each line must be NAME=value`);
    }
  }
  return loadConfig(process.env);
}

/** The command line's arguments, without the `--` npm needs before them. */
export function cliArgs(): string[] {
  return process.argv.slice(2).filter((a) => a !== "--");
}

/** An option node:util's parseArgs does not know or cannot read: the user's typo, not a crash to report. */
function argumentError(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (!(error instanceof Error) || typeof code !== "string" || !code.startsWith("ERR_PARSE_ARGS_")) return null;
  // Node's advice to put a positional after "--" does not work through npm, which takes the first "--" itself.
  return error.message.split(". To specify a positional")[0]!;
}

/**
 * Run a command-line entry: `--help` (before settings are read, so it works with a broken
 * .env), settings, a logger that never prints secrets, and one readable error line instead
 * of a stack trace (the stack only with LOG_LEVEL=debug); a mistyped option gets the usage.
 */
export async function runCli(usage: string, main: (ctx: CliContext) => Promise<number | void>): Promise<void> {
  if (cliArgs().some((a) => a === "--help" || a === "-h")) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  let log: Logger = createLogger("info");
  try {
    const config = loadSettings();
    log = createLogger(config.LOG_LEVEL, [config.TELEGRAM_BOT_TOKEN ?? "", config.llm?.apiKey ?? ""], stderrAndFile(config.LOG_FILE));
    process.exitCode = (await main({ config, log, usage })) ?? 0;
  } catch (error) {
    const typo = argumentError(error);
    if (typo) {
      log.error(`${typo}\n${usage}`);
      process.exitCode = 2;
      return;
    }
    log.error(describeError(error));
    if (error instanceof Error && error.stack) log.debug(error.stack);
    process.exitCode = 1;
  }
}

/** A progress line: redrawn in place on a terminal, a plain line every few seconds otherwise. */
export function createProgressLine(label: string, stream: NodeJS.WriteStream = process.stderr): { update(text: string): void; done(): void } {
  const started = Date.now();
  let last = 0;
  let shown = false;
  return {
    update(text) {
      const now = Date.now();
      const elapsed = ((now - started) / 1000).toFixed(0);
      if (stream.isTTY) {
        stream.write(`\r${label}: ${text} (${elapsed} s)\x1b[K`);
        shown = true;
      } else if (now - last >= 10_000) {
        stream.write(`${label}: ${text} (${elapsed} s)\n`);
        last = now;
      }
    },
    done() {
      if (shown && stream.isTTY) stream.write("\n");
    },
  };
}

/** Run an ingest or re-index: load the model, show progress, and free the model afterwards. */
export async function withIndexing<R>(ctx: Pick<CliContext, "config" | "log">, label: string, job: (deps: IndexingDeps) => Promise<R>): Promise<R> {
  const embedder = await loadEmbedder(ctx.config, ctx.log);
  const line = createProgressLine(label);
  try {
    return await job({
      config: ctx.config,
      terms: createTerms(),
      embedder,
      onProgress: (p) => line.update(describeProgress(p)),
    });
  } finally {
    line.done();
    await embedder?.dispose();
  }
}
