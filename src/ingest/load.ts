import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { z } from "zod";
import type { RawDocument } from "../types.js";
import { decodeBytes } from "./decode.js";
import { capBytes, splitLines, TooLarge } from "./lines.js";

/** What loading yields: a document, or a file/line that was refused and why. */
export type LoadEvent = { kind: "document"; doc: RawDocument } | { kind: "rejected"; origin: string; reason: string };

export const SUPPORTED_EXTENSIONS = [".txt", ".md", ".html", ".htm", ".json", ".jsonl", ".jsonl.gz"] as const;

export interface LoadOptions {
  /** Files above this size are refused (JSONL is streamed and has a per-line cap instead). */
  maxFileBytes: number;
  /** Longest JSONL line, in bytes; longer lines are skipped without being buffered. */
  maxLineBytes?: number | undefined;
  /** Most bytes read out of one .jsonl.gz; reading stops there (a gzip bomb cannot fill memory or disk time). */
  maxDecompressedBytes?: number | undefined;
  /** Paths in messages are shown relative to this folder. */
  root?: string;
  /** Counts bytes read against the total size of the input files, for progress and ETA. */
  meter?: ByteMeter | undefined;
}

export interface ByteMeter {
  done: number;
  total: number;
}

export const DEFAULT_MAX_LINE_BYTES = 5 * 2 ** 20;
export const DEFAULT_MAX_DECOMPRESSED_BYTES = 2 * 2 ** 30;
/** A JSONL file whose lines are refused this many times in a row is not read further: it is not article data. */
export const MAX_BAD_LINES_IN_A_ROW = 1000;

const RecordSchema = z.object({
  text: z.string().refine((t) => t.trim().length > 0, "text is empty"),
  id: z.union([z.string().min(1), z.number()]).optional(),
  title: z.string().nullish(),
  published: z.string().nullish(),
  published_raw: z.string().nullish(),
  publishedRaw: z.string().nullish(),
  source: z.string().nullish(),
  url: z.string().nullish(),
});

/** The extension that decides how a file is read ("" when unsupported). */
export function extensionOf(file: string): string {
  const lower = file.toLowerCase();
  if (lower.endsWith(".jsonl.gz")) return ".jsonl.gz";
  const ext = path.extname(lower);
  return (SUPPORTED_EXTENSIONS as readonly string[]).includes(ext) ? ext : "";
}

/** An article id from a file name: its name without extension, safe for display and callback data. */
export function idFromFile(file: string): string {
  const base = path.basename(file);
  const ext = extensionOf(base);
  return (ext ? base.slice(0, base.length - ext.length) : base).replace(/[^\p{L}\p{N}._-]+/gu, "_");
}

function recordToDoc(value: unknown, fallbackId: string, origin: string): LoadEvent {
  const parsed = RecordSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `field "${issue.path.join(".")}"` : "record";
    return { kind: "rejected", origin, reason: `${where}: ${issue?.message ?? "invalid"} (a record needs at least a non-empty "text")` };
  }
  const r = parsed.data;
  return {
    kind: "document",
    doc: {
      id: r.id !== undefined ? String(r.id) : fallbackId,
      origin,
      text: r.text,
      format: /<\/?(p|div|br|span|html|body)\b/i.test(r.text) ? "html" : "json",
      title: r.title?.trim() || null,
      publishedRaw: r.published_raw ?? r.publishedRaw ?? r.published ?? null,
      source: r.source?.trim() || null,
      url: r.url ?? null,
    },
  };
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(bytes < 2 ** 20 ? 2 : 0)} MB`;

async function* loadJsonLines(file: string, origin: string, options: LoadOptions): AsyncGenerator<LoadEvent> {
  const { meter } = options;
  const maxLine = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const maxDecompressed = options.maxDecompressedBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES;
  const stream = fs.createReadStream(file);
  if (meter) stream.on("data", (chunk) => (meter.done += chunk.length));
  let input: AsyncIterable<Buffer> = stream;
  const gzip = file.toLowerCase().endsWith(".gz");
  if (gzip) {
    const gunzip = zlib.createGunzip();
    stream.on("error", (e) => gunzip.destroy(e));
    input = capBytes(stream.pipe(gunzip), maxDecompressed);
  }
  const stem = idFromFile(file);
  let n = 0;
  let badInARow = 0;
  try {
    for await (const line of splitLines(input, maxLine)) {
      n++;
      const where = `${origin}:${n}`;
      const event = lineEvent(line, where, `${stem}-${n}`, maxLine);
      if (!event) continue;
      badInARow = event.kind === "rejected" ? badInARow + 1 : 0;
      yield event;
      if (badInARow >= MAX_BAD_LINES_IN_A_ROW) {
        yield { kind: "rejected", origin, reason: `${MAX_BAD_LINES_IN_A_ROW} bad lines in a row; the rest of the file was not read (is it JSONL with a "text" field per line?)` };
        break;
      }
    }
  } catch (e) {
    const reason =
      e instanceof TooLarge
        ? `decompressed size above ${mb(maxDecompressed)} (MAX_DECOMPRESSED_MB); the rest of the file was not read, lines before it were loaded`
        : `could not read further (${(e as Error).message}); lines before it were loaded`;
    yield { kind: "rejected", origin: `${origin}:${n + 1}`, reason };
  } finally {
    stream.destroy();
  }
}

function lineEvent(line: string | null, where: string, fallbackId: string, maxLine: number): LoadEvent | null {
  if (line === null) return { kind: "rejected", origin: where, reason: `line longer than ${mb(maxLine)}; skipped` };
  if (line.trim() === "") return null;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    return { kind: "rejected", origin: where, reason: `malformed JSON (${(e as Error).message.slice(0, 200)})` };
  }
  return recordToDoc(value, fallbackId, where);
}

async function* loadFile(file: string, options: LoadOptions): AsyncGenerator<LoadEvent> {
  const origin = options.root ? path.relative(options.root, file) || path.basename(file) : file;
  const ext = extensionOf(file);
  if (!ext) {
    yield { kind: "rejected", origin, reason: `unsupported file type; use ${SUPPORTED_EXTENSIONS.join(" ")}` };
    return;
  }
  if (ext === ".jsonl" || ext === ".jsonl.gz") {
    yield* loadJsonLines(file, origin, options);
    return;
  }
  const size = fs.statSync(file).size;
  if (options.meter) options.meter.done += size;
  if (size > options.maxFileBytes) {
    yield { kind: "rejected", origin, reason: `file is ${(size / 2 ** 20).toFixed(1)} MB, above the ${(options.maxFileBytes / 2 ** 20).toFixed(0)} MB limit (MAX_FILE_MB); split it or use .jsonl` };
    return;
  }
  const decoded = decodeBytes(fs.readFileSync(file));
  if (!decoded.ok) {
    yield { kind: "rejected", origin, reason: decoded.reason };
    return;
  }
  if (ext === ".json") {
    let value: unknown;
    try {
      value = JSON.parse(decoded.text);
    } catch (e) {
      yield { kind: "rejected", origin, reason: `malformed JSON (${(e as Error).message})` };
      return;
    }
    const records = Array.isArray(value) ? value : [value];
    const stem = idFromFile(file);
    for (const [i, record] of records.entries()) {
      yield recordToDoc(record, records.length === 1 ? stem : `${stem}-${i + 1}`, records.length === 1 ? origin : `${origin}[${i}]`);
    }
    return;
  }
  yield {
    kind: "document",
    doc: {
      id: idFromFile(file),
      origin,
      text: decoded.text,
      format: ext === ".md" ? "markdown" : ext === ".txt" ? "text" : "html",
      title: null,
      publishedRaw: null,
      source: null,
      url: null,
    },
  };
}

/** Every file below the given files and folders, sorted, hidden files skipped. */
export function listFiles(paths: readonly string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = (p: string) => {
    const stat = fs.statSync(p, { throwIfNoEntry: false });
    if (!stat) return missing.push(p);
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(p).sort()) if (!name.startsWith(".")) walk(path.join(p, name));
    } else if (stat.isFile()) files.push(p);
  };
  for (const p of paths) walk(path.resolve(p));
  return { files, missing };
}

/** Load articles from files and folders, one event per document or refused input. */
export async function* loadPaths(paths: readonly string[], options: LoadOptions): AsyncGenerator<LoadEvent> {
  const { files, missing } = listFiles(paths);
  if (options.meter) options.meter.total = files.reduce((sum, f) => sum + (fs.statSync(f, { throwIfNoEntry: false })?.size ?? 0), 0);
  for (const m of missing) yield { kind: "rejected", origin: m, reason: "no such file or folder" };
  for (const file of files) {
    try {
      yield* loadFile(file, options);
    } catch (e) {
      yield { kind: "rejected", origin: file, reason: `could not read (${(e as Error).message})` };
    }
  }
}
