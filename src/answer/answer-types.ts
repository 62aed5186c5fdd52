import type { Terms } from "../text/terms.js";
import type { QuestionKind } from "./question.js";
import { enumerationSpans } from "./entities.js";
import { bylineTest, markTitledNames, markUnknownNames } from "../text/names.js";

/** A word of a (normalized) text with its part-of-speech tag and its offsets in that text. */
export interface Token {
  word: string;
  tag: string;
  start: number;
  end: number;
}

/**
 * jieba's tagged words with their offsets (the tagger drops punctuation and spaces, so offsets are
 * found again), with the names jieba does not know read as people (text/names.ts): after a title,
 * made whole, and unknown words shaped like a name, outside a byline.
 */
export function tokensOf(text: string, terms: Terms): Token[] {
  // A person's name that opens the name of a doctrine (习近平新时代中国特色社会主义思想, 邓小平理论,
  // 习近平经济思想) names the doctrine, not the person: it answers no "who".
  return markUnknownNames(markTitledNames(terms.spans(text), text, (t) => t), text).map((t) => (isPersonTag(t) && DOCTRINE.test(text.slice(t.end)) ? { ...t, tag: "nz" } : t));
}

/** What follows a name in a doctrine's name: 新时代…, …思想, 理论. */
const DOCTRINE = /^(?:新时代|\p{Script=Han}{0,4}思想|理论)/u;

/**
 * A number: digits, or Chinese numerals (with 余 or 多 after them: 百余枚) before a measure word.
 * Not before words that make a numeral an adverb (十分重要, 一起, 一部分, 一段时间), nor an ordinal (第二期, 二期工程).
 */
const NUMERAL = /[0-9]+(?:\.[0-9]+)?|(?<!第)[一二两三四五六七八九十百千万亿半]{1,6}[余多]?(?=[个名家项次位所座条种支宗组元吨台套亩人户处倍成万亿米公里千克斤年天岁枚周届只辆架艘本份篇张件场轮批节栋间颗块根双首幅笔级])/u;
/** Dates and times: years, months, days, clock times, parts of the day, decades and periods. */
const DATE = /\d{1,4}\s*年|\d{1,2}\s*月|\d{1,2}\s*[日号]|[一二三四五六七八九十〇零]{2,4}年|[一二三四五六七八九十]{1,3}月|世纪|年代|[上下]午|凌晨|晚上|中午|傍晚|年底|年初|年末|月底|月初|上旬|中旬|下旬|[春夏秋冬]季|时期|\d{1,2}[:：]\d{2}/u;
/** A year's month and day after it, and the dates and times without a year: what both patterns below share. */
const AFTER_YEAR = String.raw`(?:\d{1,2}\s*月)?(?:\d{1,2}\s*[日号])?`;
const NO_YEAR = String.raw`\d{1,2}\s*月(?:\d{1,2}\s*[日号])?|\d{1,2}\s*[日号]|\d{1,2}[:：]\d{2}|\d{1,2}\s*时(?:\s*\d{1,2}\s*分)?`;
const DATE_PARTS = new RegExp(String.raw`\d{1,4}\s*年${AFTER_YEAR}|${NO_YEAR}`, "gu");
/**
 * The dates a number in a quantity is not part of: DATE_PARTS, but a year of one or two digits
 * with no month after it is a span of years ("长达13年", "由3年延长至5年"), which 多少年 asks for.
 */
const CALENDAR_PARTS = new RegExp(String.raw`(?:\d{3,4}\s*年|\d{1,2}\s*年(?=\s*\d{1,2}\s*月))${AFTER_YEAR}|${NO_YEAR}`, "gu");
/** Heads of organization names (not a word list of organizations: the kinds of word a name ends in). */
const ORG_HEAD = /(?:公司|集团|银行|大学|学院|学校|医院|研究院|研究所|研究中心|中心|协会|委员会|局|厅|部|署|院|所|厂|社|台|馆|会|办|站|处|队|军|政府|法院|检察院|交易所|基金|俱乐部)$/u;

export const hasNumber = (text: string): boolean => NUMERAL.test(text);
export const isDateLike = (text: string): boolean => DATE.test(text);

/**
 * A time word that names a point on the calendar or the clock (昨日, 去年, 三月, 当晚), not one
 * that only places things relative to now (目前, 未来, 近日, 此前): those answer no "when".
 */
export const isTimePoint = (t: Token): boolean => t.tag === "t" && (isDateLike(t.word) || /[0-9一二三四五六七八九十]|[今去明前昨本上下][年月日天周]|当[天日晚年]/u.test(t.word));
/** A number that is not part of a date ("30亿元", "1.2万名", not "2023年8月"). */
export const hasQuantity = (text: string): boolean => NUMERAL.test(blanked(text, CALENDAR_PARTS));
export const isPersonTag = (t: Token): boolean => t.tag === "nr" || t.tag === "nrfg" || t.tag === "nrt";
export const isPlaceTag = (t: Token): boolean => t.tag === "ns";
export const isOrgToken = (t: Token): boolean => t.tag === "nt" || (t.word.length >= 2 && ORG_HEAD.test(t.word));
export const isNounTag = (tag: string): boolean => /^(?:n|vn|an|nz|nr|ns|nt|j|x|eng)/.test(tag);

/** Tokens given, or a tagger that makes them only when asked (tagging costs most). */
export type TokenSource = readonly Token[] | (() => readonly Token[]);
const tokensFrom = (source: TokenSource): readonly Token[] => (typeof source === "function" ? source() : source);

/** Organizations, places and people among the tokens: what a list of names is made of. */
const namedTokens = (tokens: readonly Token[]) => tokens.filter((t) => isOrgToken(t) || isPlaceTag(t) || isPersonTag(t));

/**
 * Does the text (with its tokens) carry the kind of thing the question asks for? A quantity,
 * a date or time, a person, a place, an organization, an enumeration; "what"-like kinds accept anything.
 */
export function carriesKind(kind: QuestionKind, text: string, source: TokenSource): boolean {
  // Tagging is the costly part: only the kinds that need tags ask for them, and only when the text alone does not decide.
  const tokens = () => tokensFrom(source);
  switch (kind) {
    case "quantity":
      return hasQuantity(text);
    case "time":
      return isDateLike(text) || tokens().some(isTimePoint);
    case "person":
      return tokens().some(isPersonTag);
    case "place":
      return tokens().some(isPlaceTag);
    case "org":
      return tokens().some(isOrgToken);
    case "list":
      return /[、]/u.test(text) || namedTokens(tokens()).length >= 2;
    default:
      return true;
  }
}

/** A dateline: an outlet or place, then a date and 消息 or 电, where a report begins (global: for replace, not test). */
const DATELINE = /(?<=^|[。！？\s】])[^，,。；;！？\n]{0,24}?\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:消息|电|讯)/gu;

/** The text with every match of a global pattern blanked out, each character a space, so offsets into it still hold. */
const blanked = (text: string, re: RegExp): string => text.replace(re, (m) => " ".repeat(m.length));

/** Whether a text holds a value in the unit asked (askedUnit, askedTime), a dateline's date aside: that is when the report was filed. */
export const inUnit = (unit: RegExp, text: string): boolean => unit.test(blanked(text, DATELINE));

const global = (re: RegExp) => new RegExp(re.source, `${re.flags.replace("g", "")}g`);
/** How many values in the unit asked a text holds, a dateline's date aside (as inUnit). */
export const unitValues = (unit: RegExp, text: string): number => [...blanked(text, DATELINE).matchAll(global(unit))].length;
const NUMERALS = global(NUMERAL);
const DATES = global(DATE);

/** Where a value sits in a text: character offsets. */
export interface ValueSpan {
  start: number;
  end: number;
}

/** Matches of a pattern in the text that the question does not already say. */
function newMatches(re: RegExp, text: string, question: string): ValueSpan[] {
  const out: ValueSpan[] = [];
  for (const m of text.matchAll(re)) if (!question.includes(m[0])) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

/**
 * The values of the asked kind in a text that the question does not already give: numbers for
 * quantities, dates for times, people, places, organizations, the items of an enumeration for
 * lists. A person, place, date or number the question itself names ("宋庆龄基金会", "5.5级",
 * "7月30日") is what it asks about, not the answer. Empty for kinds without a typed value.
 */
export function newValues(kind: QuestionKind, text: string, source: TokenSource, question: string): ValueSpan[] {
  const tokens = () => tokensFrom(source).filter((t) => !question.includes(t.word));
  switch (kind) {
    case "quantity":
      return newMatches(NUMERALS, blanked(text, CALENDAR_PARTS), question);
    case "time": {
      // A dateline's date ("IT之家 8 月 8 日消息", "新华社北京8月2日电") is when it was reported, not what was asked.
      text = blanked(text, DATELINE);
      // Whole dates first ("10月20日"), then the other time words not inside one (年代, 上午).
      const dates = newMatches(global(DATE_PARTS), text, question);
      const inside = (v: ValueSpan) => dates.some((d) => v.start >= d.start && v.end <= d.end);
      const taken = (v: ValueSpan) => inside(v) || question.includes(text.slice(v.start, v.end));
      const words = [...text.matchAll(DATES)].map((m) => ({ start: m.index, end: m.index + m[0].length })).filter((v) => !taken(v));
      const found = [...dates, ...words];
      return [...found, ...tokens().filter((t) => isTimePoint(t) && text.slice(t.start, t.end).trim() !== "" && !found.some((v) => t.start < v.end && v.start < t.end))];
    }
    case "person": {
      // The tagger often splits a name it does not know into a surname and the given name (肖/nr 风华).
      const all = tokensFrom(source);
      const credited = bylineTest(text, question);
      return all.flatMap((t, i) => {
        if (!isPersonTag(t) || credited(t)) return [];
        const next = all[i + 1];
        const end = [...t.word].length === 1 && next && next.start === t.end && /^\p{Script=Han}{1,2}$/u.test(next.word) && !/^(?:u|p|c|v|d)/.test(next.tag) ? next.end : t.end;
        const name = text.slice(t.start, end);
        return question.includes(name) ? [] : [{ start: t.start, end }];
      });
    }
    case "place":
      return tokens().filter(isPlaceTag);
    case "org":
      return tokens().filter(isOrgToken);
    case "list": {
      const items = enumerationSpans(text).filter((v) => !question.includes(text.slice(v.start, v.end)));
      if (items.length > 0) return items;
      const named = namedTokens(tokens());
      return named.length >= 2 ? named : [];
    }
    default:
      return [];
  }
}

const VALUE_KINDS: ReadonlySet<QuestionKind> = new Set(["quantity", "time", "person", "place", "org", "list"]);

/** Is the kind answered by a typed value, which newValues finds? ("what", "how", "why" are not.) */
export const hasValueKind = (kind: QuestionKind): boolean => VALUE_KINDS.has(kind);

/** A number as a measure is written: digits or Chinese numerals, with 余/多/万/亿 and a 个 before the unit ("120余家", "1.35万吨", "18个小时"). */
const MEASURED = String.raw`(?:[0-9]+(?:\.[0-9]+)?|[一二两三四五六七八九十百千万亿半]+)\s*(?:余|多|万|亿|千|百)*\s*个?`;

/** What a quantity question measures in, by how it asks ("有多重" → a weight), and the units that answer it. */
const ASKED_UNITS: readonly [RegExp, string][] = [
  // A rate or share asked "how high" (诊断率有多高) is a percentage, not a height.
  [/百分之几|百分之多少|多少%|百分比|[率比]有?多[高少大]|(?:占比|比例)(?:是|为|有)?多少/u, "%|％|百分之|成"],
  [/多重|多沉|重量(?:是|为|有)?多少/u, "吨|千克|公斤|克|斤|磅"],
  // An area (面积有多大, 占地多少) is in square measures or mu, not a count.
  [/(?:面积|占地)(?:是|为|有|达到?|约|共)?多[大少]|多大(?:的)?面积|占地多少/u, "平方米|平方公里|平方千米|平方英尺|平米|亩|公顷"],
  [/多高|多深|多宽|多远|多厚|(?:高度|长度|深度|宽度|距离|里程)(?:是|为|有)?多少/u, "米|公里|千米|里|英里|英尺|海里|光年"],
  // 多长 is a length (大桥有多长) or a duration (影片有多长).
  [/多长(?!时间)/u, "米|公里|千米|里|英里|英尺|海里|光年|年|月|周|天|小时|分钟|秒"],
  // Sums are often written without 元 ("3年1.86亿").
  // A sum without 元 is not a count of something else (9.3万名寻求避难者).
  [/多少钱|(?:[金款费价资薪钱租]|费用)(?:是|为|有|达到?|共|一共|总共)?多少(?![个名家项次位所座条种支宗组亩台套吨辆件人])|多少\p{Script=Han}{0,3}?(?:款|费用?|钱|资金|奖金|租金|成本)(?=[？?，,。]|$)/u, "元|块|美元|港元|港币|欧元|英镑|日元|韩元|卢布|美金|(?<=[0-9一二两三四五六七八九十百千][万亿])(?![名人个家位项次件条辆台套座所只头吨米村])"],
  // A person's age asked plainly: 今年多大, 去世时多大, 多大了 (not 影响有多大).
  [/多少岁|几岁|多大年纪|年龄(?:是|为|有)?多[大少]|(?:今年|现年|时)多大了?(?=[？?，,。、]|$)|多大了(?=[？?，,。、]|$)/u, "岁"],
  [/多久|多长时间|(?:多少|几)(?:年|天|个?小时|分钟|周|个?星期)|多少个?月|几个月/u, "年|月|周|星期|天|日|小时|分钟|秒|昼夜"],
];

/** 个 counting things, not time (6个月, 3个小时) nor points (2个百分点). */
const ANY_THING = "个(?!月|小时|钟头|星期|礼拜|工作日|百分点)";
/** Measure words a count is asked in (多少家, 几名), with the words that count the same things (个 counts what 家, 所 and 座 count: 1543个换电站). */
const COUNTED: Record<string, string> = { 名: "名|位|人", 位: "名|位|人", 人: "名|位|人", 家: `家|${ANY_THING}`, 所: `所|${ANY_THING}`, 座: `座|${ANY_THING}`, 辆: "辆", 架: "架", 艘: "艘", 台: "台", 套: "套", 起: "起", 宗: "宗|起", 件: "件", 场: "场|次", 次: "次|场", 天: "天|日" };
/**
 * What may follow 多少 or 几 without being a measure word the answer repeats: 个 (left out as often
 * as not: "53个项目", "签约53项"), money, years and months (dates answer them too).
 */
const NOT_MEASURE = /^(?:个|钱|年|月|岁)$/u;
/** Orders of magnitude a question word may carry (几十, 几百万, 几千), not the units that begin with one (千米, 千克, 百分点). */
const MAGNITUDE = /^(?!千米|千克|千瓦|千伏|千卡|千帕|百分)[十百千万亿]+/u;

/**
 * The measure word a count is asked in: one of COUNTED's after 多少 or 几, else the word right after
 * them when the segmenter tags it a measure word or a numeral ("多少/份/q", "多少/枚/m", "多少倍/m",
 * "几天/m"), not a noun, verb or adverb that follows (多少/经营/vn 主体, 多少/才/d 算, 多少/小/a 记者); and a
 * character that ends its clause (多少分？, tagged a verb), as nothing else can be what is counted.
 */
function measureWord(question: string, tagged: readonly { word: string; tag: string }[]): string | null {
  const known = /(?:多少|几)([名位人家所座辆架艘台套起宗件场次])/u.exec(question)?.[1];
  if (known) return known;
  // One character that ends its clause is what is counted in, whatever the tagger calls it (考了多少分？: 分/v).
  const last = /(?:多少|(?<!第)几)(\p{Script=Han})(?!\p{Script=Han})/u.exec(question)?.[1];
  if (last && !/^[的了呢吗啊呀是个钱年月岁]$/u.test(last)) return last;
  for (let i = 0; i < tagged.length; i++) {
    const at = /^(?:多少|几)/u.exec(tagged[i]!.word);
    // 第几级 asks an ordinal ("定为23层级"), not a count.
    if (!at || tagged[i - 1]?.word.endsWith("第")) continue;
    const rest = tagged[i]!.word.slice(at[0].length);
    const next = tagged[i + 1];
    let word: string | null = null;
    // Merged into the question word (多少倍, 几天), or the next word: a measure word whole (公里/q), a numeral's first character (枚/m, 辆车/m).
    // A magnitude merged into it is part of the number asked, not what is counted: 几千人 counts 人 (answered by
    // 3000人), and 几十个 and 几百万 count in no measure word.
    if (rest) word = [...rest.replace(MAGNITUDE, "")][0] ?? null;
    else if (next && /^[qm]/.test(next.tag) && /^\p{Script=Han}/u.test(next.word)) word = next.tag === "q" ? next.word : [...next.word][0]!;
    if (word && !NOT_MEASURE.test(word)) return word;
  }
  return null;
}

/**
 * Units as articles also write them, by their symbols (normalized text is lower case): "续航400km",
 * "342l冷藏区", "127℃以下", "3nm芯片". A symbol must end its word: "m" is not the start of "mm".
 */
const SYMBOLS: Record<string, string> = { 米: "m", 公里: "km", 千米: "km", 厘米: "cm", 毫米: "mm", 纳米: "nm", 千克: "kg", 公斤: "kg", 吨: "t", 升: "l", 毫升: "ml", 度: "℃|°c", 摄氏度: "℃|°c", 千瓦: "kw", 瓦: "w", 千瓦时: "kwh" };
const withSymbols = (units: string): string => {
  const symbols = [...new Set(units.split("|").flatMap((u) => SYMBOLS[u]?.split("|") ?? []))];
  return symbols.length === 0 ? units : `${units}|(?:${symbols.join("|")})(?![a-z])`;
};

/**
 * The unit a quantity question asks in, as a pattern for its answer: its dimension ("多重" →
 * "355吨"), else the measure word of its count ("多少名员工" → "1200名", "300人"; "多少份礼包" →
 * "500份"). Null when the question says neither. A number in another unit answers something else
 * (the bridge's length, not the girder's weight; 70余人, not the parcels handed out).
 */
export function askedUnit(question: string, tagged: readonly { word: string; tag: string }[]): RegExp | null {
  const counted = measureWord(question, tagged);
  const units = ASKED_UNITS.find(([asks]) => asks.test(question))?.[1] ?? (counted ? (COUNTED[counted] ?? counted.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) : undefined);
  return units ? new RegExp(`${MEASURED}(?:${withSymbols(units)})`, "u") : null;
}

/**
 * The part of the calendar a when-question asks for, as a pattern for its answer: 哪天 and 几号 are
 * answered by a day (几月几号 too), 哪一年 by a year (2013年, 去年), 哪个月 by a month. Null when it asks when at large
 * (什么时候), which any date or time answers.
 */
export function askedTime(question: string): RegExp | null {
  if (/哪一?天|几号|几日/u.test(question)) return /\d{1,2}\s*[日号]|[一二三四五六七八九十]{1,3}[日号]|[昨今明前]天|[昨今明]日|当天|周[一二三四五六日]|星期[一二三四五六日天]/u;
  if (/哪一?年|什么年份|何年/u.test(question)) return /(?:\d{2,4}|[一二三四五六七八九〇零]{2,4})\s*年(?!代|级)|[去今前明]年/u;
  if (/哪个月|几月份?(?![\d一二三四五六七八九十])/u.test(question)) return /\d{1,2}\s*月|[一二三四五六七八九十]{1,3}月|[上下本]个?月/u;
  return null;
}

/** The unit a question of this kind asks its answer in: a quantity's (askedUnit), a when's part of the calendar (askedTime), or none. */
export function unitOf(kind: QuestionKind, question: string, terms: Pick<Terms, "tag">): RegExp | null {
  if (kind === "quantity") return askedUnit(question, terms.tag(question));
  return kind === "time" ? askedTime(question) : null;
}

/** Kinds whose asked noun may follow the question word (多少名员工, 谁主持, 哪些市领导), so the word after it counts as asked about. */
export const asksFollowing = (kind: QuestionKind): boolean => kind === "quantity" || kind === "person" || kind === "list";

/** A question that asks what someone or something is called (叫什么名字, 名称是什么, 叫啥). */
export const NAME_ASKED = /叫什么|什么名字|叫啥|名称是|名字是/u;
/** The noun just before the name question is a person (队员, 女孩, 导师, 机长 …): a person's name is wanted. */
const PERSON_NOUN = /(?:人|员|者|师|长|手|生|孩|女|男|士|官|家|警|兵|工|友|妻|夫|儿|子|姐|妹|哥|弟|爷|奶|母|父|主任|总监|顾问|教练|记者|嫌疑人)(?:们)?的?$/u;

/**
 * Names in a text the question does not give: people and organizations, other proper nouns (nz),
 * words in Latin letters, and what quotation or title marks hold. Not places: a shop or a bridge
 * is asked for by its own name, and the town it stands in is not that. When the question names
 * a person before 叫什么 (队员, 女孩, 消防员), only people count.
 */
export function newNames(text: string, source: TokenSource, question: string): string[] {
  const before = NAME_ASKED.exec(question);
  const person = before ? PERSON_NOUN.test(question.slice(0, before.index).replace(/[，,。？?！!\s]+$/u, "")) : false;
  const credited = bylineTest(text, question);
  const tokens = tokensFrom(source).filter((t) => !credited(t));
  const named = tokens.filter((t) => isPersonTag(t) || (!person && (isOrgToken(t) || t.tag === "nz" || /^[A-Za-z][A-Za-z0-9-]+$/.test(t.word))));
  const quoted = person ? [] : [...text.matchAll(/[“"《「『]([^”"》」』]{2,30})[”"》」』]/gu)].map((m) => m[1]!);
  return [...named.map((t) => t.word), ...quoted].filter((w) => w.length >= 2 && !question.includes(w));
}
