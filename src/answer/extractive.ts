import { normalizeForIndex } from "../ingest/normalize.js";
import type { Terms } from "../ingest/terms.js";
import type { Passage } from "../types.js";
import { companyNames, enumeratedItems, projectNames } from "./entities.js";
import { collectEvidence, coverage, elsewhere, hasTerm, meetsConstraint, termScore, type Evidence, type Sentence, type TermGroup, type TermWeights } from "./evidence.js";
import type { AnswerModel, ComposedAnswer } from "./model.js";
import type { Question } from "./question.js";
import { resolveRelativeDates } from "./relative-dates.js";

export interface ExtractiveOptions {
  /** An article supports an answer when it holds at least this (IDF-weighted) share of the question's terms. */
  minCoverage: number;
  /** At most this many articles in a grouped (list) answer. */
  maxGroups: number;
}

export const DEFAULT_EXTRACTIVE_OPTIONS: ExtractiveOptions = { minCoverage: 0.6, maxGroups: 3 };

const NUMBER = /[0-9０-９]+(?:\.[0-9]+)?|[一二两兩三四五六七八九十百千万萬亿億]+(?=[个個组組家项項次名位所座条條种種大万萬亿億元吨噸台臺套年天人户戶亩畝支宗处處])/u;
const DATE_PARTS = /\d{4}年|\d{1,2}月\d{1,2}日|\d{1,2}月|\d{1,2}日|\d{1,2}:\d{2}|\d{4}-\d{2}-\d{2}/gu;
const DATE = /\d{4}年|\d{1,2}月\d{1,2}日|\d{1,2}月|\d{4}-\d{2}-\d{2}|昨日|昨天|今日|今天|前天|日前|近日|上周|上週|本月|上月|去年|今年/u;
const ROLE = /书记|書記|市长|市長|县长|縣長|区长|區長|镇长|鎮長|主任|主席|部长|部長|局长|局長|董事长|董事長|总经理|總經理|负责人|負責人|秘书长|秘書長|带队|帶隊|主持|记者|記者/u;

/** Marker for "cite passage i"; renumbered into [n] once the answer is complete. */
export const cite = (passageIndex: number) => `⟦${passageIndex}⟧`;

/** Does the text carry what this kind of question asks for (a quantity that is not a date, a date, a person)? */
function hasFeature(kind: Question["kind"], text: string): boolean {
  if (kind === "quantity") return NUMBER.test(text.replace(DATE_PARTS, " "));
  if (kind === "time") return DATE.test(text);
  if (kind === "person") return ROLE.test(text);
  return true;
}

interface ArticleGroup {
  articleId: string;
  title: string;
  published: string | null;
  passageIndexes: number[];
  key: string;
}

function groupByArticle(passages: readonly Passage[]): ArticleGroup[] {
  const groups = new Map<string, ArticleGroup>();
  passages.forEach((p, i) => {
    const g = groups.get(p.articleId) ?? { articleId: p.articleId, title: p.title, published: p.published, passageIndexes: [], key: "" };
    g.passageIndexes.push(i);
    groups.set(p.articleId, g);
  });
  for (const g of groups.values()) g.key = normalizeForIndex(g.passageIndexes.map((i) => passages[i]!.text).join("\n") + g.title);
  return [...groups.values()];
}

/** An article supports an answer when it names the places, names and focus of the question and holds most of its weight. */
function supports(g: ArticleGroup, evidence: Evidence, minCoverage: number): boolean {
  return (
    evidence.places.every((p) => g.key.includes(p)) &&
    evidence.terms.filter((t) => t.focus || t.name).every((t) => hasTerm(g.key, t)) &&
    coverage(g.key, evidence.terms) >= minCoverage
  );
}

/** The measure word a quantity question counts in ("多少名孤老" → 名), as a pattern for "200名". */
function measureOf(question: Question): RegExp | null {
  const m = /(?:多少|几)([个名家项次位所座条种支宗组天元亩人台套吨处])/u.exec(question.search)?.[1];
  return m ? new RegExp(`[0-9０-９一二两三四五六七八九十百千万]\\s*${m}`, "u") : null;
}

function clauses(sentence: string): string[] {
  return sentence.split(/[，,；;：:]/u).map((c) => c.replace(/[。！？!?]+$/u, "").trim()).filter((c) => c.length > 0);
}

/** Terms weighted down by how many of the candidate sentences contain them: the subject repeated everywhere picks no clause. */
function localWeights(terms: readonly TermGroup[], sentences: readonly Sentence[]): TermGroup[] {
  return terms.map((t) => {
    const n = sentences.filter((s) => hasTerm(s.key, t)).length;
    return { ...t, weight: t.weight / Math.sqrt(Math.max(1, n)) };
  });
}

/** The part of a sentence that answers: the best clause(s), narrowed to one item of an enumeration when that is what matches. */
function answerSpan(sentence: string, question: Question, terms: readonly TermGroup[]): string {
  const parts = clauses(sentence);
  if (question.kind === "list" && [...sentence].length <= 160) return parts.join("，");
  const focus = terms.filter((t) => t.focus);
  const measure = measureOf(question);
  const scored = parts.map((c, i) => {
    const key = normalizeForIndex(c);
    const feature = hasFeature(question.kind, c);
    const focused = focus.some((t) => hasTerm(key, t));
    return { c, i, feature, focused, score: termScore(key, terms) + (focused ? 5 : 0) + (measure && measure.test(c) ? 8 : 0) };
  });
  // Quantities, dates and people come from a clause that carries one; "what" answers from a clause with the focus.
  const needsFeature = question.kind === "quantity" || question.kind === "time" || question.kind === "person";
  const eligible = needsFeature ? scored.filter((s) => s.feature) : scored.some((s) => s.focused) ? scored.filter((s) => s.focused) : scored;
  const pool = eligible.length > 0 ? eligible : scored;
  const best = pool.reduce((a, b) => (b.score > a.score ? b : a), pool[0]!);
  let picked = [best];
  // A quantity question may ask two things ("分几组，去了多少个县区园区"): every clause with a quantity that matches.
  if (question.kind === "quantity") {
    const matching = scored.filter((s) => s.feature && (s.focused || s.score > 10)).sort((a, b) => a.i - b.i);
    if (matching.length > 1) picked = matching.slice(0, 3);
  }
  // The focus and the quantity may sit in neighbouring clauses ("为200名孤老开展服务" vs "…三人组，为200名孤老…").
  if (picked.length > 1) {
    // already several clauses
  } else if (!best.focused && focus.length > 0) {
    const neighbour = scored.find((s) => Math.abs(s.i - best.i) === 1 && s.focused);
    if (neighbour) picked = [best, neighbour].sort((a, b) => a.i - b.i);
  } else if (question.kind === "what" || question.kind === "other") {
    const items = best.c.split(/[、]/u);
    if (items.length > 2) {
      // In an enumeration, answer with the item the question is about, unless it is the one carrying the subject.
      const seg = items.map((e, i) => ({ e, i, score: termScore(normalizeForIndex(e), terms) })).reduce((a, b) => (b.score > a.score ? b : a));
      if (seg.i > 0 && seg.score >= termScore(normalizeForIndex(best.c), terms) * 0.6) picked = [{ ...best, c: seg.e }];
    }
  }
  // A very short clause ("昨日") needs the clause after it; a very short clause after the answer
  // ("判处死刑，缓期二年执行") completes it.
  const last = picked.at(-1)!;
  const next = parts[last.i + 1];
  if (next && ([...last.c].length < 8 || (picked.length === 1 && [...next].length <= 8))) picked.push({ c: next, i: last.i + 1, feature: false, focused: false, score: 0 });
  return picked.map((p) => p.c).join("，");
}

/** Enumerations ("A、B两大特色产业") in the sentences, keeping only those that match the question best. */
function bestEnumerations(sentences: readonly Sentence[], target: string, terms: readonly TermGroup[], question: Question): { items: string[]; passageIndex: number }[] {
  const count = /([一二两三四五六七八九十\d]+)大/u.exec(question.search)?.[0];
  const found = sentences
    .flatMap((s) =>
      clauses(s.text).map((c) => {
        const { items, descriptor } = enumeratedItems(c, target);
        // Judge an enumeration by what describes it ("两大特色产业"), not by the subject before it.
        const key = normalizeForIndex(descriptor);
        const bonus = count && key.includes(count) ? 3 : 0;
        return { items, passageIndex: s.passageIndex, score: termScore(key, terms) + bonus };
      }),
    )
    .filter((e) => e.items.length > 0);
  const top = Math.max(0, ...found.map((e) => e.score));
  return found.filter((e) => e.score === top && top > 0);
}

/**
 * How well a sentence answers: its terms, plus its best clause's terms (terms close together
 * beat terms scattered over a long sentence), plus the question's measure word and its numbers
 * and dates in the sentence itself or the one before.
 */
function sentenceScore(s: Sentence, terms: readonly TermGroup[], evidence: Evidence, question: Question, pool: readonly Sentence[]): number {
  const base = termScore(s.key, terms);
  if (base === 0) return 0;
  const clauseBest = Math.max(0, ...clauses(s.text).map((c) => termScore(normalizeForIndex(c), terms)));
  const measure = measureOf(question);
  const previous = pool.find((p) => p.passageIndex === s.passageIndex && p.order === s.order - 1 && p.paragraphKey === s.paragraphKey);
  const near = `${previous?.key ?? ""}${s.key}`;
  const constraintBonus = evidence.constraints.filter((c) => meetsConstraint(near, c)).length * 4;
  // The number that answers "多少赔款" stands next to 赔款 ("预付赔款共计1020万元"), not across the sentence.
  const counted = question.kind === "quantity" ? terms.filter((t) => t.counted) : [];
  const adjacent = counted.some((t) => t.words.some((w) => new RegExp(`${w}.{0,6}?[0-9０-９一二两三四五六七八九十]|[0-9０-９][^，。；]{0,4}?${w}`, "u").test(s.key)));
  return base + clauseBest + (measure && measure.test(s.text) ? 8 : 0) + constraintBonus + (adjacent ? 6 : 0);
}

function heading(g: ArticleGroup): string {
  return `${g.published ?? "日期不详"}《${g.title}》`;
}

/**
 * The default, offline answer model: composes a short answer from the passages by
 * question kind (lists, quantities, times, people, what), every item and sentence
 * followed by its citation, and refuses when the passages do not carry the answer.
 */
export function createExtractiveAnswerer(terms: Terms, weights: TermWeights, options: ExtractiveOptions = DEFAULT_EXTRACTIVE_OPTIONS): AnswerModel {
  const refuse = (): ComposedAnswer => ({ answered: false, text: "" });
  return {
    name: "extractive",
    async compose(question, passages) {
      if (passages.length === 0) return refuse();
      // What a list question lists by name (企业, 项目) is not evidence that an article answers it.
      const named = !question.target || /企业|公司|集团|单位|项目|工程/.test(question.target);
      const exclude = question.kind === "list" && question.target && named ? [question.target] : [];
      // English questions are matched through the glossary, so every term they map must be found.
      const evidence = collectEvidence(question.search, passages, terms, weights, {
        exclude,
        unmapped: question.unmapped,
        allFocus: question.script === "english",
        withFollowing: question.kind === "quantity" || question.kind === "person" || question.kind === "list",
      });
      if (evidence.terms.length === 0) return refuse();
      const supported = groupByArticle(passages).filter((g) => supports(g, evidence, options.minCoverage));
      if (supported.length === 0) return refuse();
      const sentencesOf = (g: ArticleGroup) => evidence.sentences.filter((s) => passages[s.passageIndex]!.articleId === g.articleId);

      if (question.kind === "list") {
        const lines: string[] = [];
        for (const g of supported.slice(0, options.maxGroups)) {
          const seen = new Set<string>();
          const items: string[] = [];
          const add = (item: string, passageIndex: number) => {
            const key = normalizeForIndex(item);
            if (seen.has(key) || [...seen].some((k) => k.includes(key))) return;
            seen.add(key);
            items.push(`${item}${cite(passageIndex)}`);
          };
          // A sentence counts when its paragraph is about the place asked and matches the question; items in the article's order.
          const relevant = sentencesOf(g)
            .filter((s) => evidence.places.every((p) => s.paragraphKey.includes(p)) && !elsewhere(s, evidence.places) && termScore(s.paragraphKey, evidence.terms) > 0)
            .sort((a, b) => passages[a.passageIndex]!.ordinal - passages[b.passageIndex]!.ordinal || a.order - b.order);
          if (named) {
            const extract = question.target && /项目|工程/.test(question.target) ? projectNames : companyNames;
            for (const s of relevant) for (const item of extract(s.text)) add(item, s.passageIndex);
          } else {
            for (const e of bestEnumerations(relevant, question.target!, evidence.terms, question)) for (const item of e.items) add(item, e.passageIndex);
          }
          if (items.length > 0) lines.push(`${heading(g)}：${items.join("、")}。`);
        }
        if (lines.length > 0) return { answered: true, text: lines.join("\n") };
      }

      // One best sentence from a supported article: it carries the question's numbers and dates,
      // its focus, and what the kind asks for; its clauses then give the answer.
      const supportedIds = new Set(supported.map((g) => g.articleId));
      const pool = evidence.sentences.filter((s) => supportedIds.has(passages[s.passageIndex]!.articleId));
      const local = localWeights(evidence.terms, pool);
      const focus = local.filter((t) => t.focus);
      const counted = local.filter((t) => t.focus && t.counted);
      const candidates = pool
        // Numbers and dates the question names may sit elsewhere in the paragraph ("苏州轨交11号线…日均9.7万人次").
        .filter((s) => evidence.constraints.every((c) => meetsConstraint(s.paragraphKey, c)))
        .filter((s) => focus.length === 0 || focus.some((t) => hasTerm(s.key, t)))
        // A quantity question's counted noun ("多少人口") must be in the very sentence with the number.
        .filter((s) => question.kind !== "quantity" || counted.every((t) => hasTerm(s.key, t)))
        .filter((s) => hasFeature(question.kind, s.text))
        .map((s) => ({ s, score: sentenceScore(s, local, evidence, question, pool) }))
        .filter((c) => c.score > 0);
      // "多少名…" is answered by a sentence with "N名" when there is one.
      const measure = measureOf(question);
      if (measure && candidates.some((c) => measure.test(c.s.text))) candidates.splice(0, candidates.length, ...candidates.filter((c) => measure.test(c.s.text)));
      if (candidates.length === 0) return refuse();
      const best = candidates.reduce((a, b) => (b.score > a.score ? b : a));
      if (coverage(best.s.paragraphKey, local) < options.minCoverage / 2) return refuse();
      const published = passages[best.s.passageIndex]!.published;
      const span = resolveRelativeDates(answerSpan(best.s.text, question, local), published);
      return { answered: true, text: `${span}。${cite(best.s.passageIndex)}` };
    },
  };
}
