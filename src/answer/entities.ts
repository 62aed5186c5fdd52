import { bothScripts } from "./evidence.js";

/** Verbs and prepositions that come before a visited place or company. */
const LEAD_MARKERS = bothScripts([
  "实地观摩了", "现场观摩了", "实地查看", "观摩了", "考察了", "调研了", "参观了", "走访了", "查看了", "来到", "走进", "深入", "先后",
  "观摩", "考察", "调研", "参观", "走访", "视察", "查看", "包括", "拥有", "聚焦", "发展", "拓展至", "延伸至", "涵盖", "在", "到", "赴", "了", "如", "是", "以", "至",
]).sort((a, b) => b.length - a.length);

const COMPANY = new RegExp(
  `(?:${bothScripts(["集团", "厂"]).join("|")})?(?:${bothScripts(["股份"]).join("|")})?(?:${bothScripts(["有限责任公司", "有限公司", "公司"]).join("|")})|${bothScripts(["集团", "厂", "研究院"]).join("|")}`,
  "u",
);
const TRAILING_WORDS = bothScripts(["等处", "等地", "等"]).join("|");
const TRAILING = new RegExp(`(?:${TRAILING_WORDS})$`, "u");
/** "…等" closes an enumeration: what follows is the sentence going on, not another item. */
const CLOSES = new RegExp(bothScripts(["等"]).join("|"), "u");

/** What an enumeration's first item says before it: "来到" of "来到A、B". */
export function stripLead(text: string): string {
  let start = 0;
  for (const m of LEAD_MARKERS) {
    const at = text.lastIndexOf(m);
    if (at >= 0 && at + m.length > start) start = at + m.length;
  }
  return text.slice(start);
}

/** A head that makes "…公司" a description rather than a name: 上市公司, 该公司, 龙头企业. */
const DESCRIPTIVE_HEAD = new RegExp(`(?:${bothScripts(["上市", "该", "这家", "各", "龙头", "相关", "一家", "多家", "民营", "国有", "外资", "中小", "本地"]).join("|")})$`, "u");

/**
 * A head that cannot begin a name: one that says 的 (…基金产品的基金公司 describes), or closes a
 * bracket it never opened (the tail of "哈撒韦(543150, 250.00, 0.05%)公司" after the split).
 */
const NOT_A_NAME = (head: string) => /的/u.test(head) || (head.match(/[)）]/gu)?.length ?? 0) > (head.match(/[(（]/gu)?.length ?? 0);

/** Split a sentence into the items of an enumeration. */
function segments(sentence: string, joinWords: boolean): string[] {
  const sep = joinWords ? /[、，,；;。！？]|(?<=[公司厂團团])(?:和|与|與|及)/u : /[、，,；;。！？]/u;
  return sentence.split(sep).map((s) => s.trim()).filter((s) => s.length > 0);
}

/** Company names in a sentence, complete ("江苏金石机械集团有限公司"), in order. */
export function companyNames(sentence: string): string[] {
  const out: string[] = [];
  for (const seg of segments(sentence, true)) {
    const m = COMPANY.exec(seg);
    if (!m) continue;
    const head = stripLead(seg.slice(0, m.index));
    const name = head + m[0];
    if ([...head].length >= 2 && !DESCRIPTIVE_HEAD.test(head) && !NOT_A_NAME(head)) out.push(name);
    if (out.length > 0 && CLOSES.test(seg.slice(m.index + m[0].length))) break;
  }
  return out;
}

const PROJECT_WORDS = bothScripts(["项目"]).join("|");
/** "A、B、C等项目": an enumeration the word 项目 closes, each item a project whose own name may lack the word. */
const CLOSED_BY_PROJECT = new RegExp(`([^，,；;。！？：:]+?)(?:${bothScripts(["等"]).join("|")})\\p{Script=Han}{0,4}?(?:${PROJECT_WORDS})`, "gu");
/** A segment that ends at 项目 (or 项目现场), before a closing 等: the name, and what follows it. */
const PROJECT_SEGMENT = new RegExp(`^(.*(?:${PROJECT_WORDS}))((?:${bothScripts(["现场"]).join("|")})?(?:${TRAILING_WORDS})?)$`, "u");

/**
 * Project names in a sentence, in order: segments that end at the word 项目 ("…年产1万吨热塑制品项目",
 * "…项目现场"), and the items of an enumeration closed by "等项目" ("观摩了A、B、C等项目现场").
 * A 项目 inside a phrase ("产业园区项目载体建设现场推进会") names no project.
 */
export function projectNames(sentence: string): string[] {
  for (const m of sentence.matchAll(CLOSED_BY_PROJECT)) {
    const items = m[1]!.split("、").map((part, i) => (i === 0 ? stripLead(part) : part).trim()).filter((item) => [...item].length >= 2);
    if (items.length >= 2) return items;
  }
  const out: string[] = [];
  for (const seg of segments(sentence, false)) {
    const m = PROJECT_SEGMENT.exec(seg);
    if (!m) continue;
    const name = stripLead(m[1]!);
    if ([...name].length >= 4) out.push(name);
    if (out.length > 0 && CLOSES.test(m[2]!)) break;
  }
  return out;
}

/**
 * Items of an enumeration that ends in the target word, with what describes them:
 * "风电装备、安全防护两大特色产业" → [风电装备, 安全防护], "两大特色产业". No items when there is no such enumeration.
 */
export function enumeratedItems(clause: string, target: string): { items: string[]; descriptor: string } {
  const none = { items: [], descriptor: "" };
  const targets = bothScripts([target]);
  const at = Math.max(...targets.map((t) => clause.lastIndexOf(t)));
  if (at <= 0 || at + target.length < clause.length - 1) return none;
  const head = clause.slice(0, at);
  // The list ends at "等" or "N大" when there is one ("…煤矿装备等细分领域"); otherwise at the target itself.
  const boundary = /^(.*?)((?:等|[一二两兩三四五六七八九十几幾\d]+大)[\p{Script=Han}]{0,4})$/u.exec(head);
  const list = boundary?.[1] ?? head;
  const items = list
    .split(/[、，,]|(?:和|与|與|及)/u)
    .map((s) => stripLead(s.trim()).replace(TRAILING, ""))
    .filter((s) => s.length >= 2);
  return items.length >= 2 ? { items, descriptor: clause.slice(list.length) } : none;
}

/**
 * Items of the enumerations in a text ("种植巨峰、玫瑰香、夏黑等" → 巨峰, 玫瑰香, 夏黑等), with their
 * offsets: each run of "、" inside a clause, from after what introduces it ("主导产业为", "来到").
 */
export function enumerationSpans(text: string): { start: number; end: number }[] {
  const items: { start: number; end: number }[] = [];
  for (const m of text.matchAll(/[^，,；;。：:]+/gu)) {
    const parts = m[0].split("、");
    if (parts.length < 2) continue;
    let at = m.index;
    parts.forEach((part, i) => {
      const item = i === 0 ? stripLead(part).replace(/^.+(?:为|是|有|包括|：)/u, "") : part;
      const start = at + part.length - item.length;
      if (item.length >= 2) items.push({ start, end: start + item.length });
      at += part.length + 1;
    });
  }
  // Titles side by side are an enumeration too: 《孤注一掷》《深渊》.
  for (const m of text.matchAll(/(?:《[^《》]{1,40}》){2,}/gu)) {
    for (const t of m[0].matchAll(/《([^《》]+)》/gu)) items.push({ start: m.index + t.index + 1, end: m.index + t.index + 1 + t[1]!.length });
  }
  return items.sort((a, b) => a.start - b.start);
}

/** The items of a text's enumerations, without a closing 等: what a list question with no named kind of item lists. */
export const enumerationItems = (text: string): string[] => enumerationSpans(text).map((v) => text.slice(v.start, v.end).replace(TRAILING, "")).filter((s) => s.length >= 2);
