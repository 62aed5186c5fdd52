import { isMostlyTraditional, normalizeForIndex } from "../ingest/normalize.js";
import type { DateRange } from "../store/chunk-store.js";
import { PLACES, TERMS } from "./gazetteer.js";

export type Script = "simplified" | "traditional" | "english";
export type QuestionKind = "list" | "quantity" | "time" | "person" | "what" | "other";

export interface Question {
  /** As asked. */
  raw: string;
  /** What retrieval searches: Simplified Chinese (English questions are mapped through the gazetteer). */
  search: string;
  script: Script;
  kind: QuestionKind;
  /** For lists: what is listed (企业, 项目, 产业 …), Simplified. */
  target: string | null;
  /** Publication dates the question asks about ("2024年", "今年"), or undefined. */
  range: DateRange | undefined;
  /** Content words of an English question that the glossary could not map. */
  unmapped: string[];
}

const LIST = /哪些|哪几|有哪|列举|列出|\bwhich\b.*\b(?:enterprises|companies|projects|industries|firms)\b|\bwhat (?:are|were) the\b|\blist\b/i;
const QUANTITY = /多少|第几|几个|几组|几家|几项|几次|几大|几天|几年|几名|几位|几所|几座|几条|几种|几支|几宗|多大|多高|多长|多久|how (?:many|much|long|large)/i;
const TIME = /什么时候|何时|哪一年|哪年|哪天|哪一天|几月|几号|什么时间|哪个月|\bwhen\b|what (?:year|date|day|time)/i;
const PERSON = /谁|哪位|哪些人|什么人|\bwho\b/i;
const WHAT = /什么|哪两大|哪三大|哪类|哪种|哪个|哪家|哪里|哪儿|\bwhat\b|\bwhere\b/i;

const LIST_TARGET = /(?:哪些|哪几[个家项类种]?|有哪)(?:[\u4e00-\u9fff]{0,4}?)(企业|公司|项目|产业|行业|园区|地方|县区|城市|单位|领导|部门|平台|产品|领域|措施|工程|集团|要求|方面|内容)/;
const EN_TARGET: Record<string, string> = { enterprises: "企业", companies: "企业", firms: "企业", projects: "项目", industries: "产业" };

function scriptOf(q: string): Script {
  const han = q.match(/\p{Script=Han}/gu)?.length ?? 0;
  const latin = q.match(/[A-Za-z]/g)?.length ?? 0;
  // No letters of either kind (emoji, punctuation): the product's default language, not English.
  if (latin > 0 && (han === 0 || latin > han * 3)) return "english";
  return isMostlyTraditional(q) ? "traditional" : "simplified";
}

const EN_STOP = new Set(
  "a an the of in on at to for from by with and or is are was were be been do does did what which who whom whose when where why how many much long large there their its it this that these those have has had into about as than please tell me i you we they he she his her our".split(" "),
);

/** English → a Simplified search string of mapped places and terms (and any Chinese in the question), plus the words left unmapped. */
function englishToSearch(q: string): { search: string; unmapped: string[] } {
  let text = ` ${q.toLowerCase().replace(/[?!.,;:"“”]/g, " ")} `;
  const parts: string[] = [];
  for (const place of PLACES) {
    for (const en of place.en) {
      if (text.includes(` ${en} `) || text.includes(` ${en}'s `)) {
        parts.push(place.zh);
        text = text.replace(en, " ");
      }
    }
  }
  for (const [en, zh] of [...TERMS].sort((a, b) => b[0].length - a[0].length)) {
    if (text.includes(` ${en} `)) {
      parts.push(zh);
      text = text.replace(` ${en} `, " ");
    }
  }
  const chinese = q.match(/[\p{Script=Han}0-9]+/gu) ?? [];
  const unmapped = (text.match(/[a-z][a-z'-]+/g) ?? []).filter((w) => !EN_STOP.has(w) && w.length > 2);
  return { search: [...parts, ...chinese].join(" "), unmapped };
}

function yearRange(year: number): DateRange {
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

function monthRange(year: number, month: number): DateRange {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const mm = String(month).padStart(2, "0");
  return { from: `${year}-${mm}-01`, to: `${year}-${mm}-${last}` };
}

/** Time words that narrow retrieval to a publication period. */
export function timeRange(text: string, now: Date): DateRange | undefined {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth() + 1;
  const explicit = /(?<!\d)((?:19|20)\d{2})\s*年(?:\s*(\d{1,2})\s*月)?/.exec(text) ?? /\bin ((?:19|20)\d{2})\b/i.exec(text);
  if (explicit) {
    const y = Number(explicit[1]);
    return explicit[2] ? monthRange(y, Number(explicit[2])) : yearRange(y);
  }
  if (/今年|本年|this year/i.test(text)) return yearRange(year);
  if (/去年|last year/i.test(text)) return yearRange(year - 1);
  if (/前年/.test(text)) return yearRange(year - 2);
  if (/本月|这个月|this month/i.test(text)) return monthRange(year, month);
  if (/上个月|上月|last month/i.test(text)) return month === 1 ? monthRange(year - 1, 12) : monthRange(year, month - 1);
  return undefined;
}

/**
 * The words of a question without markup people paste or type: HTML tags (and what a
 * script or style element holds), markdown emphasis and code marks, control characters.
 */
export function plainQuestion(raw: string): string {
  return raw
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, " ")
    .replace(/<\/?[a-z][^>]*>/gi, "")
    .replace(/[*`~]+|(?<![\p{L}\p{N}])_+|_+(?![\p{L}\p{N}])|^#+\s*/gmu, "")
    .replace(/\u001b\[[0-9;]*[A-Za-z]/g, "")
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "");
}

/** Classify a question: its script, what kind of answer it wants, and the period it is about. */
export function analyzeQuestion(raw: string, now: Date = new Date()): Question {
  const text = plainQuestion(raw);
  const script = scriptOf(text);
  const english = script === "english" ? englishToSearch(text) : null;
  // A measure word belongs to its numeral: "多少家规上企业" must not segment as 家规.
  const search = (english ? english.search : normalizeForIndex(text)).replace(/(多少|几)([个名家项次位所座条种支宗组元亩台套吨])(?=\p{Script=Han})/gu, "$1$2 ");
  const probe = script === "english" ? text : search;
  let kind: QuestionKind = "other";
  if (LIST.test(probe)) kind = "list";
  else if (QUANTITY.test(probe)) kind = "quantity";
  else if (TIME.test(probe)) kind = "time";
  else if (PERSON.test(probe)) kind = "person";
  else if (WHAT.test(probe)) kind = "what";
  let target: string | null = null;
  if (kind === "list") {
    target = LIST_TARGET.exec(search)?.[1] ?? null;
    if (script === "english") {
      const en = /\b(enterprises|companies|firms|projects|industries)\b/i.exec(text)?.[1]?.toLowerCase();
      target = en ? (EN_TARGET[en] ?? null) : null;
    }
  }
  return { raw, search, script, kind, target, range: timeRange(script === "english" ? text : search, now), unmapped: english?.unmapped ?? [] };
}
