import { toTraditional } from "../text/normalize.js";
import { QUERY_STOPWORDS, type Terms } from "../text/terms.js";
import { PLACE_NAMES } from "./gazetteer.js";

/** Words that mean the same for matching a question to a passage. */
const SYNONYMS: ReadonlyArray<readonly string[]> = [
  ["调研", "考察", "观摩", "视察", "走访", "参观", "察看", "查看", "去了", "来到", "走进", "赴"],
  ["企业", "公司", "集团", "厂"],
  ["市委书记", "书记"],
  ["生产", "制造", "生产线", "产品"],
  ["强调", "要求", "指出"],
  ["罚款", "罚单", "被罚", "处罚"],
  ["全长", "长度"],
  ["列入", "列为", "入选"],
  ["被判", "判处", "判决"],
  ["位于", "坐落于", "坐落在", "地处", "位在"],
];

/**
 * How people half-remember (…来着, 我记得, 好像, 大概): words of the asking, not of what is asked,
 * which no article holds. Not 那个 (那个网红): a demonstrative often stands for a name the asker
 * has forgotten, and the question then needs every word it has.
 */
const HEDGES = ["大概", "差不多", "估计", "来着", "记得", "好像", "似乎", "听说"];
/** Words of a question that carry no content of their own. */
const GENERIC = new Set(["问题", "介绍", "一下", "主要", "具体", "分别", "相关", "当时", "时候", "时间", "哪年", "一年", "年份", "名字", "名称", "地方", "叫", "开始", "进行", "成为", "属于", ...HEDGES]);
const STOP = new Set(QUERY_STOPWORDS);
/** Characters the segmenter's HMM glues to a neighbour into a word it does not know: 时 (时去), the aspect particle 过 (做过), 说 (部说), the localizer 后 (降价后起售价 → 后起). */
const GLUE = new Set(["时", "过", "说", "后"]);
/** Measure words between a question word and its noun ("多少名孤老"). */
const MEASURE = /^(?:名|个|家|项|次|位|所|座|条|种|支|宗|组|年|天|元|亩|人|处)$/u;
/** How-questions that ask a measure (多大, 多宽). */
export const HOW_MUCH = "多大|多高|多长|多久|多远|多重|多宽|多深|多厚";
const WH = new RegExp(`多少|几|谁|什么|哪|何时|何地|${HOW_MUCH}`, "u");

export interface TermGroup {
  /** The question's word first, then its synonyms (Simplified). */
  words: string[];
  /** How rare the word is in the corpus (inverse document frequency). */
  weight: number;
  /** Next to the question word: what is asked about (票价 in "票价是多少"); an article without it cannot answer. */
  focus: boolean;
  /** A compound the corpus never contains: matched by its bigrams, since it is likely our segmentation. */
  partial: boolean;
  /** The focus word after the question word: what a quantity counts (多少名员工 → 员工). */
  counted: boolean;
  /** A name (person, place, organisation, or a word the segmenter does not know): an article without it is about something else. */
  name: boolean;
  /** Tagged a noun in the question (票价, 联系电话), as an asked attribute is checked only then. */
  noun: boolean;
  /** A name only by the tagger's guess (x, nz) that hundreds of passages hold (帮着, 网约车): an article may answer without it. */
  common?: boolean;
}

export type TermWeights = (words: readonly string[]) => Map<string, number>;

/** A place name with its administrative level (如东县, 淮安市, 江苏省), whose stem names the same place. */
const ADMIN_LEVEL = /^(\p{Script=Han}{2,})[省市县区镇乡]$/u;

function synonymsOf(term: string): string[] {
  const group = SYNONYMS.find((g) => g.includes(term));
  return group ? [term, ...group.filter((w) => w !== term)] : [term];
}

/**
 * Runs of single Han characters that start like a name (裕/nr 能/v → 裕能): how the segmenter cuts a
 * company or person it does not know. Localisers, adverbs, particles and the like never join a run.
 */
function singleCharacterRuns(tokens: readonly { word: string; tag: string }[]): string[] {
  const runs: string[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length >= 2) runs.push(run.join(""));
    run = [];
  };
  for (const t of tokens) {
    const single = [...t.word].length === 1 && /\p{Script=Han}/u.test(t.word) && !WH.test(t.word);
    if (single && run.length === 0 && /^(?:nr|ns|nt|nz|x)$/.test(t.tag)) run.push(t.word);
    else if (single && run.length > 0 && !/^(?:u|p|c|m|q|r|f|d)/.test(t.tag)) run.push(t.word);
    else flush();
  }
  flush();
  return runs;
}

/** A guessed name (x, nz) held by at least this many passages is a common word (of 159,806 in the full corpus, most such are). */
const COMMON_NAME_PASSAGES = 100;

/** The weight of a word the corpus never contains. */
function maxWeight(weights: TermWeights): number {
  return weights(["\u0000"]).get("\u0000") ?? Infinity;
}

/** Gazetteer places named in a normalized question. */
export function placesIn(search: string): string[] {
  const found: string[] = [];
  let rest = search;
  for (const p of PLACE_NAMES) {
    if (rest.includes(p)) {
      found.push(p);
      rest = rest.split(p).join(" ");
    }
  }
  return found;
}

const isContent = (w: string) => (w.length >= 2 || /^[a-z0-9]+$/.test(w)) && !STOP.has(w) && !GENERIC.has(w) && !WH.test(w);

/** Degree words tagged as adjectives that modify the focus rather than being it (房租每月最高多少). */
const DEGREE = new Set(["最高", "最低", "最大", "最小", "最多", "最少", "主要", "大约", "一共", "总共", "共计"]);

/** A word that can be what a question asks about: a noun, verb, adjective, idiom, abbreviation or distinguishing word (主任/b) of two or more characters. */
function focusable(w: { word: string; tag: string }): boolean {
  return [...w.word].length >= 2 && /^(?:n|v|a|l|j|b)/.test(w.tag) && !DEGREE.has(w.word) && !STOP.has(w.word) && !GENERIC.has(w.word) && !WH.test(w.word);
}

/** A token that is a question word whatever its tag. */
const WH_TOKEN = new RegExp(`^(?:多少|${HOW_MUCH}|几|谁|什么|哪)`, "u");
/** The adjective of a how-question the segmenter cuts from its 多 (有多/m 大/a): HOW_MUCH without its 多. */
const SPLIT_HOW = new RegExp(`^(?:${HOW_MUCH.replace(/多/gu, "")})$`, "u");

/**
 * What the question asks about: the nearest noun or verb before the question word ("广发银行的行长是谁"
 * → 行长; "取消了哪种门票" → 取消), by jieba's part-of-speech tags. The word after it names a category
 * the answer fills in (哪种门票, 什么业务), so it only counts where it is what is asked about: for quantities
 * (多少名员工), for people (谁主持) and for lists (哪些市领导).
 * A modifier right before the focus belongs to it too (日均客流).
 */
export function focusWords(search: string, terms: Terms, withFollowing: boolean): { word: string; following: boolean }[] {
  const tokens = terms.tag(search);
  const out = new Map<string, boolean>();
  tokens.forEach((t, at) => {
    // The segmenter tags question words as pronouns or numerals, or merges them ("哪些地方", "多大/x"),
    // or splits them ("面积有多/m 大/a").
    const split = t.word === "多" && SPLIT_HOW.test(tokens[at + 1]?.word ?? "");
    if (!split && (!WH.test(t.word) || !(/^(?:r|m)/.test(t.tag) || WH_TOKEN.test(t.word)))) return;
    const before = tokens.slice(0, at).map((x, i) => ({ ...x, i })).reverse().find(focusable);
    const after = tokens.slice(at + (split ? 2 : 1)).find(focusable);
    if (before) {
      out.set(before.word, out.get(before.word) ?? false);
      const modifier = tokens[before.i - 1];
      // Only a noun's modifier (日均 in 日均客流), not a verb's subject (政府 in 政府取消).
      if (modifier && focusable(modifier) && /^n/.test(before.tag) && /^(?:n|a|j)/.test(modifier.tag)) out.set(modifier.word, out.get(modifier.word) ?? false);
    }
    if (after && withFollowing) out.set(after.word, true);
  });
  return [...out].map(([word, following]) => ({ word, following }));
}

/** Numbers and dates a question is specific about ("8月份" → 8月, "11号线", "2022年"). */
export function constraintsIn(search: string): string[] {
  return [...search.matchAll(/\d+(?:\.\d+)?\s*(?:月份|年|月|号线|日|号)/gu)].map((m) => m[0].replace(/\s+/g, "").replace(/月份$/u, "月"));
}

/** The numbers the Roman numeral characters Ⅰ–Ⅻ write, as normalized text writes them in ASCII and as Chinese numerals, from one. */
const ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"];
/** One to twelve in Chinese numerals, from one (CHINESE_NUMERALS[n - 1] writes n). */
export const CHINESE_NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"];
/** A level written in Roman numerals (ⅲ级 or iii级, normalized): the longest ASCII numeral first. */
const ROMAN_LEVEL = new RegExp(`(?:([ⅰ-ⅻ])|(?<![a-z])(${[...ROMAN].sort((a, b) => b.length - a.length).join("|")}))级`, "gu");

/**
 * What a question pins its event down by, which an article about another day or instance lacks:
 * full dates ("8月9日的中间价", a match of that day), decimal figures ("每克236.65元那天") and
 * levels in Roman numerals ("由Ⅲ级提升为Ⅱ级": not the report of Ⅱ级 raised to Ⅰ级), each
 * as a pattern its article must match; a day may be named there without its month (9日). Years,
 * months and whole numbers are left out: an article may say them otherwise (今年, 上月, 三名).
 */
export function pinsIn(search: string): RegExp[] {
  const days = [...search.matchAll(/(\d{1,2})月(\d{1,2})[日号]/gu)].map((m) => new RegExp(`(?<!\\d)(?:${m[1]}月)?${m[2]}[日号]`, "u"));
  const figures = [...search.matchAll(/\d+\.\d+/gu)].map((m) => new RegExp(`(?<!\\d)${m[0].replace(".", "\\.")}(?!\\d)`, "u"));
  // A level in Roman numerals (由Ⅲ级提升为Ⅱ级, the response levels of emergency plans), however the article writes it.
  const levels = [...search.matchAll(ROMAN_LEVEL)].map((m) => {
    const n = m[1] ? m[1].charCodeAt(0) - 0x216f : ROMAN.indexOf(m[2]!) + 1;
    return new RegExp(`(?:${String.fromCharCode(0x216f + n)}|(?<![a-z])${ROMAN[n - 1]}|(?<![一二三四五六七八九十])${CHINESE_NUMERALS[n - 1]})级`, "u");
  });
  // A number of seven or more digits names one thing (the lottery draw 第2023085期): an article without it is about another.
  // Not a stock code (600220, 00976.HK): articles often leave it out.
  const codes = [...search.matchAll(/(?<![\d.])\d{7,}(?![\d.])/gu)].map((m) => new RegExp(`(?<![\\d.])${m[0]}(?![\\d.])`, "u"));
  return [...days, ...figures, ...levels, ...codes];
}

/**
 * The parts of a year a text names: quarters (一季度, 第二季度, Q3 read as 第三季度) and halves
 * (上半年, 下半年), as "q1" … "q4", "h1", "h2". Not a run of them (前三季度: the first three).
 */
export function periodsIn(text: string): string[] {
  const quarters = [...text.matchAll(/(?<![前至到和、])第?([一二三四1-4])季度/gu)].map((m) => `q${CHINESE_NUMERALS.indexOf(m[1]!) + 1 || Number(m[1])}`);
  const halves = [...text.matchAll(/(?<![前至到和、])([上下])半年/gu)].map((m) => (m[1] === "上" ? "h1" : "h2"));
  return [...new Set([...quarters, ...halves])];
}

/**
 * The years a text speaks of (2023年, 2022年度; 2020年至2022年 each year from one to the other), as
 * numbers; not one it measures against or counts from (较2022年同期, 2017年以来, 自2020年起, 成立于2015年).
 */
export function yearsIn(text: string): number[] {
  const out = new Set<number>();
  for (const m of text.matchAll(/(?<![\d.])((?:19|20)\d\d)\s*年?\s*(?:[至到—–~-]|－)\s*((?:19|20)\d\d)\s*年|(?<![\d.])((?:19|20)\d\d)\s*年(?!\s*(?:同期|以来))/gu)) {
    if (/(?:较|比|于|自|从|与|和)\s*$/u.test(text.slice(Math.max(0, m.index - 2), m.index))) continue;
    const [from, to] = m[3] ? [Number(m[3]), Number(m[3])] : [Number(m[1]), Number(m[2])];
    for (let y = from; y <= to && y - from <= 30; y++) out.add(y);
  }
  return [...out];
}

/** The quarters each half of the year holds. */
const HALF_QUARTERS: Record<string, string[]> = { h1: ["q1", "q2"], h2: ["q3", "q4"] };

/** The time a question asks about: the years it names and the parts of a year (periodsIn). */
export interface AskedPeriod {
  years: number[];
  parts: string[];
}

/** The years and parts of a year a question asks about. */
export const askedPeriod = (text: string): AskedPeriod => ({ years: yearsIn(text), parts: periodsIn(text) });

/**
 * Does a sentence speak of the time the question asks about, as far as it names one? A sentence
 * naming other years and not the asked one (2020年至2022年 for a question on 2023年) is about
 * another time; so is one naming other parts of the year (二季度 or 上半年 for a question on
 * 一季度: a half holds the quarter, but its figure is not the quarter's) and not the asked one,
 * nor a quarter of an asked half. One naming none may still be about it.
 */
export function samePeriod(asked: AskedPeriod, text: string): boolean {
  if (asked.years.length > 0) {
    const years = yearsIn(text);
    if (years.length > 0 && !years.some((y) => asked.years.includes(y))) return false;
  }
  if (asked.parts.length === 0) return true;
  const named = periodsIn(text);
  const within = asked.parts.flatMap((p) => [p, ...(HALF_QUARTERS[p] ?? [])]);
  return named.length === 0 || named.some((p) => within.includes(p));
}

/** Does the text name the constraint? A month ("8月") is not named by a day in it ("8月7日"). */
export function meetsConstraint(text: string, constraint: string): boolean {
  if (!constraint.endsWith("月")) return text.includes(constraint);
  return new RegExp(`(?<!\\d)${constraint}(?!\\d)`, "u").test(text);
}

/**
 * The question's content terms with their weights: jieba words without question and function
 * words, places always included, words inside longer ones dropped, synonyms grouped.
 */
export function questionTerms(
  search: string,
  terms: Terms,
  weights: TermWeights,
  extra: readonly string[] = [],
  options: { allFocus?: boolean; withFollowing?: boolean; alternates?: Readonly<Record<string, readonly string[]>>; common?: readonly string[] } = {},
): TermGroup[] {
  const tagged = terms.tag(search);
  // Conjunctions (因为, 而且, 如果) join what is asked; they are not what is asked about.
  // Nor does a demonstrative with its measure word (这方面, 这次): it refers to what the question said before.
  const joining = new Set(tagged.filter((t) => t.tag === "c" || (t.tag === "mq" && /^[这那此该]/u.test(t.word))).map((t) => t.word));
  const words = terms.queryWords(search).filter((w) => isContent(w) && !joining.has(w));
  const kept = words.filter((w) => !words.some((o) => o !== w && o.length > w.length && o.includes(w)));
  for (const place of placesIn(search)) if (!kept.some((w) => w.includes(place))) kept.push(place);
  const focusList = focusWords(search, terms, options.withFollowing ?? false);
  // The segmenter's HMM sometimes glues a function character to a neighbour ("时去", "时有"): noise, not a fact.
  // So do the aspect particle 过 (做过), the verb of reporting (部说, 说车: 交通运输部说, 车主说车停在…) and the localizer 后 (后起 of 降价后起售价).
  const glued = (t: { word: string; tag: string }) => t.tag === "x" && [...t.word].length === 2 && [...t.word].some((c) => STOP.has(c) || GLUE.has(c));
  // Proper names by jieba's tags (nr person, ns place, nt organisation, nz other, x unknown — often a new company name),
  // and runs of single characters, which is how it cuts a name it does not know (湖南/裕/能 → 裕能).
  // The word right after a question word is the kind of thing asked (哪座城市, jieba tags 城市 a place), not a name.
  const asked = (i: number) => i > 0 && /^(?:哪|什么)/u.test(tagged[i - 1]!.word);
  // A word an English question wrote small was translated by a guess at its sense (things → 东西, tagged a place): not a name.
  const names = new Set(tagged.filter((t, i) => /^(?:nr|ns|nt|nz|x)$/.test(t.tag) && [...t.word].length >= 2 && /\p{Script=Han}/u.test(t.word) && !glued(t) && !asked(i) && !options.common?.includes(t.word)).map((t) => t.word));
  const nouns = new Set(tagged.filter((t) => /^n/.test(t.tag)).map((t) => t.word));
  const places = new Set(tagged.filter((t) => t.tag === "ns").map((t) => t.word));
  for (const run of singleCharacterRuns(tagged)) {
    names.add(run);
    if (!kept.includes(run)) kept.push(run);
  }
  for (const t of tagged.filter(glued)) {
    const i = kept.indexOf(t.word);
    if (i >= 0) kept.splice(i, 1);
  }
  const focus = new Set(focusList.map((f) => f.word));
  const following = new Set(focusList.filter((f) => f.following).map((f) => f.word));
  const allFocus = options.allFocus ?? false;
  for (const f of focus) if (!kept.some((w) => w === f || w.includes(f))) kept.push(f);
  const weightOf = weights([...kept, ...extra]);
  // A word jieba does not know (x) or calls some other name (nz) that hundreds of passages hold is mostly a common
  // word the tagger has not learnt (帮着, 网约车, 扫码): its absence does not say an article is about something else.
  // (Weights are log(1 + passages / df), so the heaviest, a word in no passage, gives the number of passages.)
  const heaviest = maxWeight(weights);
  const passages = Math.exp(heaviest) - 1;
  const guessed = new Set(tagged.filter((t) => /^(?:x|nz)$/.test(t.tag)).map((t) => t.word));
  const common = (w: string) => guessed.has(w) && (weightOf.get(w) ?? Infinity) <= Math.log(1 + passages / COMMON_NAME_PASSAGES);
  const groups = new Map<string, TermGroup>();
  // The segmenter's HMM sometimes glues a function character to a neighbour ("时去", "时有"); such a
  // word never occurs in the corpus and is noise, not a missing fact.
  const unseen = (w: string) => (weightOf.get(w) ?? 0) >= heaviest;
  const artefact = (w: string) => !names.has(w) && [...w].length === 2 && [...w].some((c) => STOP.has(c) || c === "时") && unseen(w);
  const seenWeights = kept.filter((w) => !unseen(w)).map((w) => weightOf.get(w) ?? 1).sort((a, b) => a - b);
  const median = seenWeights[Math.floor(seenWeights.length / 2)] ?? 1;
  for (const w of kept.filter((x) => !artefact(x))) {
    // A place is often written without its level once the article has said where it is (如东县 → 如东).
    const stem = places.has(w) ? ADMIN_LEVEL.exec(w)?.[1] : undefined;
    const words = [...(stem ? [...synonymsOf(w), stem] : synonymsOf(w)), ...(options.alternates?.[w] ?? [])];
    const key = [...words].sort().join("|");
    const existing = groups.get(key);
    const isFocus = allFocus || focus.has(w) || [...focus].some((f) => w.includes(f));
    // A compound the corpus never contains ("夜登票") is more likely our segmentation than a missing fact: weigh it like a typical term.
    if (existing) existing.focus ||= isFocus;
    else groups.set(key, { words, weight: unseen(w) ? median : (weightOf.get(w) ?? 1), focus: isFocus, partial: unseen(w), counted: following.has(w), name: names.has(w), noun: nouns.has(w), ...(names.has(w) && common(w) ? { common: true } : {}) });
  }
  // Words an English question used that the glossary could not map: they count, and they never match.
  for (const e of extra) groups.set(`en:${e}`, { words: [`\u0000${e}`], weight: median, focus: false, partial: false, counted: false, name: false, noun: false });
  return [...groups.values()];
}

/** Share of a word's character bigrams found in the text. */
function bigramShare(key: string, word: string): number {
  const chars = [...word];
  let hits = 0;
  for (let i = 0; i + 1 < chars.length; i++) if (key.includes(chars[i]! + chars[i + 1]!)) hits++;
  return hits / Math.max(1, chars.length - 1);
}

/** A quantity noun and its stem match alike: 进出口额 ~ 进出口, 客流量 ~ 客流. */
const QUANTITY_SUFFIX = /^(.{2,})[额量率数值]$/u;

/**
 * Does the (normalized) text contain the term or one of its synonyms? Long names also match by
 * most of their bigrams, words the corpus never contains by half of them.
 */
export function hasTerm(key: string, group: Pick<TermGroup, "words"> & { partial?: boolean }): boolean {
  for (const t of group.words) {
    if (key.includes(t)) return true;
    const stem = QUANTITY_SUFFIX.exec(t)?.[1];
    if (stem && key.includes(stem)) return true;
    if (t.length >= 5 && bigramShare(key, t) >= 0.75) return true;
    if (group.partial && t.length >= 3 && bigramShare(key, t) >= 0.5) return true;
  }
  return false;
}

/**
 * Whether the text holds the full form of a name the word shortens, as Chinese shortens names:
 * its characters in order, each within a few characters of the one before (交管局 in
 * 交通管理局, 发改委 in 发展和改革委员会). Only for words of three or more Han characters: two
 * characters in order are found by chance.
 */
export function shortens(key: string, word: string): boolean {
  const chars = [...word];
  if (chars.length < 3 || !chars.every((c) => HAN_CHAR.test(c))) return false;
  return new RegExp(chars.join("\\p{Script=Han}{0,3}"), "u").test(key);
}
const HAN_CHAR = /\p{Script=Han}/u;

/** Every place in the text where one of the term's words stands (exact matches), as character offsets. */
export function occurrences(key: string, group: Pick<TermGroup, "words">): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const w of group.words) for (let i = key.indexOf(w); i >= 0; i = key.indexOf(w, i + 1)) out.push({ start: i, end: i + w.length });
  return out;
}

/** Sum of the weights of the terms the text contains. */
export function termScore(key: string, terms: readonly TermGroup[]): number {
  return terms.reduce((s, g) => s + (hasTerm(key, g) ? g.weight : 0), 0);
}

/**
 * Sum of the weights of the terms the text contains, and for a word of three or more characters
 * it does not contain, the share of its bigrams it does: a part's compound word (现场表演) that the
 * article writes only in part (现场演绎的…节目) counts in part.
 */
export function gradedScore(key: string, terms: readonly TermGroup[]): number {
  return terms.reduce((s, g) => s + g.weight * (hasTerm(key, g) ? 1 : Math.max(0, ...g.words.filter((w) => w.length >= 3).map((w) => bigramShare(key, w)))), 0);
}

/** A list of Simplified words plus their Traditional forms, for matching original-script text. */
export function bothScripts(words: readonly string[]): string[] {
  return [...new Set(words.flatMap((w) => [w, toTraditional(w)]))];
}
