import { isMostlyTraditional, normalizeForIndex } from "../text/normalize.js";
import type { DateRange } from "../store/chunk-store.js";
import type { Retriever } from "../retrieve/retriever.js";
import type { EnglishReader } from "./english.js";
import { settleSenses } from "./senses.js";

export type Script = "simplified" | "traditional" | "english";
export type QuestionKind = "list" | "quantity" | "time" | "person" | "place" | "org" | "reason" | "how" | "what" | "other";

export interface Question {
  /** As asked. */
  raw: string;
  /** What retrieval searches: Simplified Chinese (English questions are read through CC-CEDICT and the corpus's names). */
  search: string;
  script: Script;
  kind: QuestionKind;
  /** For lists: what is listed (企业, 项目, 产业 …), Simplified. */
  target: string | null;
  /** Publication dates the question asks about ("2024年", "今年"), or undefined. */
  range: DateRange | undefined;
  /** Content words of an English question that no dictionary entry or corpus name was found for. */
  unmapped: string[];
  /** For a word read from an English question, other dictionary senses an article may use instead. */
  alternates: Record<string, string[]>;
  /** For a name romanized in an English question, as spelled from the corpus's counts: its syllables (Dai Yuan: dai, yuan). */
  spelled?: Record<string, string[]>;
  /** Words read from an English question's words written small: a translation, not a name. */
  common?: string[];
}

const LIST = /哪些|哪几|有哪|哪[两二三四五六七八九十]个|列举|列出|\bwhich\b.*\b(?:enterprises|companies|projects|industries|firms)\b|\bwhat (?:are|were) the\b|\blist\b/i;
const QUANTITY = /多少|第几|几个|几组|几家|几项|几次|几大|几天|几年|几名|几位|几所|几座|几条|几种|几支|几宗|(?<![那这好])几(?:只|辆|台|套|吨|人|倍|岁|级|分钟|起|趟|部|艘|届|米|场|张|节|首|轮|笔|期|班|批|层|栋|间|户|头|匹|件|份|本|篇|颗|棵|回|遍|成|折|周|块|元|斤|公里|千米|里|秒|小时|枚|粒|门|道|片|瓶|箱|袋|尊|架|列|把|根|款|比)|多大|多高|多长|多久|多重|多远|多宽|多深|多厚|how (?:many|much|long|large|far|heavy|high|tall|deep|wide)/i;
// "哪几天开的" asks when, not for a list or a count: 哪几 followed by a unit of time. Checked before LIST and QUANTITY.
const TIME_SPAN = /哪几(?:天|日|年|个?月)/u;
const TIME = /什么时候|何时|哪一年|哪年|哪天|哪一天|几月|几号|什么时间|哪个月|\bwhen\b|what (?:year|date|day|time)/i;
// 哪两名 (人员), 那位 … 叫什么, and which judge / which two city leaders: the person's name is asked.
const PERSON = /谁|哪位|哪些人|什么人|哪[一二两三四五六七八九十几]?名|[那这]位[^，,。？?]{0,12}叫什么|\bwho\b|\bwhich\b(?:\s+[\w'-]+){0,3}?\s+(?:leaders?|officials?|people|persons?|executives?|players?|actors?|actresses|judges?|ministers?|chairm[ae]n|secretar(?:y|ies)|directors?|experts?|scientists?|coaches?|doctors?)\b/i;
const PLACE = /在哪|哪里|哪儿|何地|何处|什么地方|哪个(?:省|市|县|区|国家|城市|地方|地区)|哪座城市|\bwhere\b/i;
const ORG = /哪家|哪个(?:单位|部门|公司|企业|机构|组织|学校|大学|医院)|什么(?:公司|单位|机构|部门|组织)|哪所|\bwhich (?:company|firm|organi[sz]ation|bank|university)\b/i;
/** An English question's opening when-clause that is not itself a question ("When X visited Y, …"), up to its comma, when a question word follows. */
const SCENE_SETTING_WHEN = /^\s*when\s+(?!(?:did|does|do|is|was|were|are|will|would|can|could|should|has|have|had|shall|must|might)\b)[^,?]*,\s*(?=[^?]*\b(?:which|what|who|whom|whose|how|where|why)\b)/i;
const REASON = /为什么|为何|什么原因|原因是|\bwhy\b/i;
const HOW = /如何|怎么|怎样|\bhow\b/i;
const WHAT = /什么|哪两大|哪三大|哪类|哪种|哪个|哪一|\bwhat\b|\bwhich\b/i;

const LIST_TARGET = /(?:哪些|哪几[个家项类种]?|有哪)(?:[\u4e00-\u9fff]{0,4}?)(企业|公司|项目|产业|行业|园区|地方|县区|城市|单位|领导|部门|平台|产品|领域|措施|工程|集团|要求|方面|内容)/;
const EN_TARGET: Record<string, string> = { enterprises: "企业", companies: "企业", firms: "企业", projects: "项目", industries: "产业" };

function scriptOf(q: string): Script {
  const han = q.match(/\p{Script=Han}/gu)?.length ?? 0;
  const latin = q.match(/[A-Za-z]/g)?.length ?? 0;
  // No letters of either kind (emoji, punctuation): the product's default language, not English.
  if (latin > 0 && (han === 0 || latin > han * 3)) return "english";
  return isMostlyTraditional(q) ? "traditional" : "simplified";
}

/** Without a reader (no index open), an English question searches only the Chinese it holds. */
const NO_READER: EnglishReader = (q) => ({ search: (q.match(/[\p{Script=Han}0-9]+/gu) ?? []).join(" "), unmapped: [], alternates: {} });

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

/** What kind of answer a question (or one clause of it) asks for, by its question words. */
export function kindOf(probe: string): QuestionKind {
  if (TIME_SPAN.test(probe)) return "time";
  if (LIST.test(probe)) return "list";
  if (QUANTITY.test(probe)) return "quantity";
  if (TIME.test(probe)) return "time";
  if (ORG.test(probe)) return "org";
  if (PERSON.test(probe)) return "person";
  if (PLACE.test(probe)) return "place";
  if (REASON.test(probe)) return "reason";
  if (HOW.test(probe)) return "how";
  if (WHAT.test(probe)) return "what";
  return "other";
}

/** Classify a question: its script, what kind of answer it wants, and the period it is about. */
export function analyzeQuestion(raw: string, now: Date = new Date(), english: EnglishReader = NO_READER): Question {
  const text = plainQuestion(raw);
  const script = scriptOf(text);
  const reading = script === "english" ? english(text) : null;
  // A measure word belongs to its numeral: "多少家规上企业" must not segment as 家规. The words read
  // from an English question stay apart ("企业，史志军"), not glued into one run for the segmenter.
  // Spoken question words (是啥, 为啥, 啥时候, 咋办) ask what the written ones do (是什么, 为什么, 什么时候, 怎么办);
  // 叫啥 is already read as a name asked (NAME_ASKED).
  const search = (reading ? normalizeForIndex(reading.search.split(" ").join("，")) : normalizeForIndex(text).replace(/(?<!叫)啥/gu, "什么").replace(/咋/gu, "怎么")).replace(/(多少|几)([个名家项次位所座条种支宗组元亩台套吨])(?=\p{Script=Han})/gu, "$1$2 ");
  // "When Shi Zhijun toured Jinhu, which companies did he visit?": a when-clause that sets the
  // scene (no auxiliary after when) is not what is asked; the question after its comma is.
  const probe = script === "english" ? text.replace(SCENE_SETTING_WHEN, "") : search;
  // A question that asks several things in turn wants first what its first question asks when
  // that is a thing by its name (由哪家公司承运？每周飞几班？): a count or date asked after it is
  // the second part's, which the answer covers in its own sentence.
  const asking = probe.split(/[?？]/u).map(kindOf).filter((k) => k !== "other");
  const first = asking.length > 1 ? asking[0]! : null;
  const kind = first === "what" || first === "org" ? first : kindOf(probe);
  let target: string | null = null;
  if (kind === "list") {
    // "哪几家" names no noun, but its measure word counts companies. Read without the space put
    // after a measure word for the segmenter ("哪几个 项目").
    const unspaced = search.replace(/ /g, "");
    target = LIST_TARGET.exec(unspaced)?.[1] ?? (/哪[几些]家/u.test(unspaced) ? "企业" : null);
    if (script === "english") {
      const en = /\b(enterprises|companies|firms|projects|industries)\b/i.exec(text)?.[1]?.toLowerCase();
      target = en ? (EN_TARGET[en] ?? null) : null;
    }
  }
  return { raw, search, script, kind, target, range: timeRange(script === "english" ? text : search, now), unmapped: reading?.unmapped ?? [], alternates: reading?.alternates ?? {}, ...(reading?.spelled ? { spelled: reading.spelled } : {}), ...(reading?.common?.length ? { common: reading.common } : {}) };
}

/**
 * A question as the product reads it: an English one through the English reader (the
 * dictionary and the corpus's names), which is loaded only when a question needs it, and
 * with a retriever, each English word in the sense the matching articles use (settleSenses).
 * The bot, `ask`, `eval`, the bench and the fit all read questions here, so they read them alike.
 */
export async function readQuestion(raw: string, english?: () => Promise<EnglishReader>, retriever?: Retriever, now: Date = new Date()): Promise<Question> {
  const first = analyzeQuestion(raw, now);
  if (first.script !== "english" || !english) return first;
  const read = analyzeQuestion(raw, now, await english());
  return retriever ? settleSenses(read, retriever) : read;
}
