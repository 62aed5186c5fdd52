import path from "node:path";
import type { Script } from "../../answer/question.js";
import type { IngestReport, Rejection } from "../../indexing/ingest.js";
import { toScript } from "../reader-script.js";
import { escapeHtml } from "./format.js";

/** What an upload did, told in the names the admin knows (not the generated file name). */
export interface UploadSummary {
  /** The file name the admin sent. */
  name: string;
  added: number;
  changed: number;
  unchanged: number;
  passages: number;
  /** Added and changed articles (the first ones of a large file). */
  articles: { title: string; status: "added" | "changed" }[];
  /** Each refusal: where in the file (a JSONL line, a JSON array's record; null: the whole file) and why. */
  rejected: { at: { line: number } | { record: number } | null; reason: string }[];
  /** All refusals, of which `rejected` holds the first few. */
  rejectedCount: number;
  /** True when nothing could be read, so the file was not kept. */
  discarded: boolean;
}

/** An ingest report of one stored upload, with the stored path replaced by the name the admin sent. */
export function summarizeUpload(report: IngestReport, storedFile: string, name: string): UploadSummary {
  const added = report.added + report.changed + report.unchanged;
  return {
    name,
    added: report.added,
    changed: report.changed,
    unchanged: report.unchanged,
    passages: report.chunks,
    articles: report.articles.map(({ title, status }) => ({ title, status })),
    rejected: report.rejected.map((r) => ({ at: placeIn(r.origin, storedFile), reason: r.reason })),
    rejectedCount: Math.max(report.rejectedCount, report.rejected.length),
    discarded: added === 0,
  };
}

/** "…/file:12" is line 12, "…/file[3]" the 4th record of a JSON array; the file itself has no place. */
function placeIn(origin: string, file: string): { line: number } | { record: number } | null {
  const base = path.basename(file);
  const at = origin.lastIndexOf(base);
  const m = at < 0 ? null : /^(?::(\d+)|\[(\d+)\])$/.exec(origin.slice(at + base.length));
  if (m?.[1]) return { line: Number(m[1]) };
  if (m?.[2]) return { record: Number(m[2]) + 1 };
  return null;
}

/** The admin's language from Telegram's language_code: Chinese unless another language is given. */
export function adminScript(languageCode: string | undefined): Script {
  const code = (languageCode ?? "zh").toLowerCase();
  if (!code.startsWith("zh")) return "english";
  return /^zh-(hant|tw|hk|mo)/.test(code) ? "traditional" : "simplified";
}

/** Rejection reasons in Chinese, by the start of the English reason; `detail` keeps the English particulars. */
const REASONS_ZH: [RegExp, string, boolean][] = [
  [/^empty file/, "空文件", false],
  [/^binary/, "不是文本文件", true],
  [/^(not valid UTF-8|undecodable|invalid \S+ byte sequence)/, "认不出文字编码（支持 UTF-8、UTF-16、GB18030/GBK、Big5）", true],
  [/^malformed JSON/, "JSON 格式错误", true],
  [/needs at least a non-empty "text"/, "记录缺少非空的 text 字段", true],
  [/^line longer than/, "这一行太长", true],
  [/^duplicate article id/, "文章 id 重复", true],
  [/^no article text left/, "去掉页面杂项后没有正文", false],
  [/above the .* limit/, "文件太大", true],
  [/^unsupported file type/, "不支持的文件类型", false],
];

function reasonZh(reason: string): string {
  const hit = REASONS_ZH.find(([pattern]) => pattern.test(reason));
  if (!hit) return `无法收录（${reason}）`;
  return hit[2] ? `${hit[1]}（${reason}）` : hit[1];
}

/**
 * The end of a re-index, in the admin's language: time, counts and each refused input with
 * its reason. Plain text: it replaces the progress message in place.
 */
export function formatReindexReply(r: { added: number; changed: number; unchanged: number; dropped: number; chunks: number; rejected: readonly Rejection[]; rejectedCount: number }, seconds: number, script: Script): string {
  const time = seconds.toFixed(1);
  if (script === "english") {
    return [
      `Index rebuilt in ${time} s: ${r.added} new, ${r.changed} updated, ${r.unchanged} unchanged, ${r.dropped} dropped (their files are gone); ${r.chunks} passages.`,
      ...listed(r.rejected, Math.max(r.rejectedCount, r.rejected.length), (x) => `• not added: ${x.origin}: ${x.reason}`, (n) => `… and ${n} more`),
    ].join("\n");
  }
  return [
    toScript(`索引已重建（${time} 秒）：新增 ${r.added} 篇，更新 ${r.changed} 篇，未变 ${r.unchanged} 篇，删除 ${r.dropped} 篇（文件已不在），共 ${r.chunks} 段。`, script),
    ...listed(r.rejected, Math.max(r.rejectedCount, r.rejected.length), (x) => `• ${toScript("未收录", script)} ${x.origin}：${toScript(reasonZh(x.reason), script)}`, (n) => toScript(`……另有 ${n} 条`, script)),
  ].join("\n");
}

/** How many titles and rejections a reply lists before it only counts. */
const LISTED = 20;

function listed<T>(items: readonly T[], total: number, line: (item: T) => string, more: (n: number) => string): string[] {
  const out = items.slice(0, LISTED).map(line);
  if (total > out.length) out.push(more(total - out.length));
  return out;
}

/**
 * The reply to an admin's upload, in the admin's language: counts, the titles added or
 * updated, and each refused record with its line and reason. HTML, every dynamic string escaped.
 */
export function formatUploadReply(s: UploadSummary, script: Script): string {
  const name = escapeHtml(s.name);
  const added = s.articles.filter((a) => a.status === "added");
  const changed = s.articles.filter((a) => a.status === "changed");
  if (script === "english") {
    const lines = [
      s.discarded
        ? `No article could be read from <b>${name}</b>, so the file was not kept.`
        : `<b>${name}</b>: ${s.added} new, ${s.changed} updated, ${s.unchanged} unchanged; ${s.passages} passages.`,
    ];
    if (added.length > 0) lines.push("", "New:", ...listed(added, s.added, (a) => `• ${escapeHtml(a.title)}`, (n) => `… and ${n} more`));
    if (changed.length > 0) lines.push("", "Updated:", ...listed(changed, s.changed, (a) => `• ${escapeHtml(a.title)}`, (n) => `… and ${n} more`));
    if (s.rejectedCount > 0) {
      lines.push("", `Not added (${s.rejectedCount}):`, ...listed(s.rejected, s.rejectedCount, (r) => `• ${r.at === null ? name : "line" in r.at ? `line ${r.at.line}` : `record ${r.at.record}`}: ${escapeHtml(r.reason)}`, (n) => `… and ${n} more`));
    }
    return lines.join("\n");
  }
  const local = (text: string) => toScript(text, script);
  const title = (a: { title: string }) => `• ${escapeHtml(local(a.title))}`;
  // The file name is the admin's own: it is not converted.
  const lines = [
    s.discarded
      ? `<b>${name}</b>${local(" 里没有读出任何文章，文件没有保存。")}`
      : `${local("已收录")} <b>${name}</b>${local(`：新增 ${s.added} 篇，更新 ${s.changed} 篇，未变 ${s.unchanged} 篇，共 ${s.passages} 段。`)}`,
  ];
  const more = (n: number) => local(`……另有 ${n} 篇`);
  if (added.length > 0) lines.push("", local("新增："), ...listed(added, s.added, title, more));
  if (changed.length > 0) lines.push("", local("更新："), ...listed(changed, s.changed, title, more));
  if (s.rejectedCount > 0) {
    lines.push("", local(`未收录 ${s.rejectedCount} 条：`), ...listed(s.rejected, s.rejectedCount, (r) => `• ${r.at === null ? name : local("line" in r.at ? `第 ${r.at.line} 行` : `第 ${r.at.record} 条记录`)}：${escapeHtml(local(reasonZh(r.reason)))}`, (n) => local(`……另有 ${n} 条`)));
  }
  return lines.join("\n");
}
