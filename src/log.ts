import fs from "node:fs";

export type LogLevel = "error" | "warn" | "info" | "debug";

export interface Logger {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
}

const ORDER: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

/** Replace every occurrence of each secret (and of a bot token's secret half) with "***". */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 6) continue;
    out = out.split(secret).join("***");
    const half = secret.includes(":") ? secret.slice(secret.indexOf(":") + 1) : "";
    if (half.length >= 6) out = out.split(half).join("***");
  }
  return out;
}

/** A logger that writes lines to a sink (stderr by default), never printing a secret. */
export function createLogger(
  level: LogLevel,
  secrets: readonly string[] = [],
  sink: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Logger {
  const at = (l: LogLevel) => (message: string) => {
    if (ORDER[l] <= ORDER[level]) sink(redact(l === "info" ? message : `${l}: ${message}`, secrets));
  };
  return { error: at("error"), warn: at("warn"), info: at("info"), debug: at("debug") };
}

/** A sink that writes to stderr and, when a file is given, appends there too (a full disk never stops logging to stderr). */
export function stderrAndFile(file: string | undefined): (line: string) => void {
  return (line) => {
    process.stderr.write(`${line}\n`);
    if (!file) return;
    try {
      fs.appendFileSync(file, `${new Date().toISOString()} ${line}\n`);
    } catch {
      /* the log file cannot be written (disk full, permissions): stderr has the line */
    }
  };
}

/** A logger that drops everything (tests, --quiet). */
export const silentLogger: Logger = { error() {}, warn() {}, info() {}, debug() {} };
