import { normalizeForIndex } from "../ingest/normalize.js";
import type { Terms } from "../ingest/terms.js";
import type { Passage } from "../types.js";
import { companyNames, enumeratedItems, projectNames } from "./entities.js";
import { collectEvidence, coverage, elsewhere, hasTerm, termScore, type Sentence } from "./evidence.js";
import type { AnswerModel, ComposedAnswer } from "./model.js";
import type { Question } from "./question.js";
import { resolveRelativeDates } from "./relative-dates.js";

export interface ExtractiveOptions {
  /** An article supports an answer when it contains at least this share of the question's terms. */
  minCoverage: number;
  /** At most this many articles in a grouped (list) answer. */
  maxGroups: number;
}

export const DEFAULT_EXTRACTIVE_OPTIONS: ExtractiveOptions = { minCoverage: 0.6, maxGroups: 3 };

const NUMBER = /[0-9０-９]+(?:\.[0-9]+)?|[一二两兩三四五六七八九十百千万萬亿億]+(?=[个個组組家项項次名位所座条條种種大万萬亿億元吨噸台臺套年月日天人户戶亩畝])/u;
const DATE = /\d{4}年|\d{1,2}月\d{1,2}日|\d{1,2}月|\d{4}-\d{2}-\d{2}|昨日|昨天|今日|今天|前天|日前|近日|上周|上週|本月|上月|去年|今年/u;
const ROLE = /书记|書記|市长|市長|县长|縣長|区长|區長|主任|主席|部长|部長|局长|局長|董事长|董事長|总经理|總經理|负责人|負責人|秘书长|秘書長|带队|帶隊|主持|记者|記者/u;

/** Marker for "cite passage i"; renumbered into [n] once the answer is complete. */
export const cite = (passageIndex: number) => `⟦${passageIndex}⟧`;

interface ArticleGroup {
  articleId: string;
  title: string;
  published: string | null;
  passageIndexes: number[];
  coverage: number;
}

function groupByArticle(passages: readonly Passage[], terms: string[][], places: readonly string[]): ArticleGroup[] {
  const groups = new Map<string, ArticleGroup>();
  passages.forEach((p, i) => {
    const g = groups.get(p.articleId) ?? { articleId: p.articleId, title: p.title, published: p.published, passageIndexes: [], coverage: 0 };
    g.passageIndexes.push(i);
    groups.set(p.articleId, g);
  });
  for (const g of groups.values()) {
    const key = normalizeForIndex(g.passageIndexes.map((i) => passages[i]!.text).join("\n") + g.title);
    g.coverage = places.every((p) => key.includes(p)) ? coverage(key, terms) : 0;
  }
  return [...groups.values()];
}

function clauses(sentence: string): string[] {
  return sentence.split(/[，,；;：:]/u).map((c) => c.replace(/[。！？!?]+$/u, "").trim()).filter((c) => c.length > 0);
}

function featureOf(kind: Question["kind"]): RegExp | null {
  if (kind === "quantity") return NUMBER;
  if (kind === "time") return DATE;
  if (kind === "person") return ROLE;
  return null;
}

/** The part of a sentence that answers: the best clause(s), narrowed to one item of an enumeration when that is what matches. */
function answerSpan(sentence: string, question: Question, terms: string[][]): string {
  const parts = clauses(sentence);
  const feature = featureOf(question.kind);
  const scored = parts.map((c, i) => ({ c, i, score: termScore(normalizeForIndex(c), terms), has: feature ? feature.test(c) : true }));
  let chosen: typeof scored;
  if (feature) {
    chosen = scored.filter((s) => s.has && s.score > 0);
    if (chosen.length === 0) chosen = scored.filter((s) => s.has).slice(0, 1);
  } else {
    const best = scored.reduce((a, b) => (b.score > a.score ? b : a), scored[0]!);
    chosen = [best];
    const enumerated = best.c.split(/[、]/u);
    if (enumerated.length > 2) {
      const seg = enumerated.map((e) => ({ e, score: termScore(normalizeForIndex(e), terms) })).reduce((a, b) => (b.score > a.score ? b : a));
      if (seg.score >= best.score * 0.6) chosen = [{ ...best, c: seg.e.replace(/^.*?(?:走进|走進|来到|來到|观摩了|觀摩了|考察了)/u, "") }];
    }
  }
  const picked = chosen.slice(0, 3).sort((a, b) => a.i - b.i);
  // A very short clause ("昨日") needs the clause after it to make sense.
  const last = picked.at(-1);
  if (last && [...last.c].length < 8 && parts[last.i + 1]) picked.push({ c: parts[last.i + 1]!, i: last.i + 1, score: 0, has: false });
  return picked.map((p) => p.c).join("，");
}

/** Enumerations ("A、B两大特色产业") in the sentences, keeping only those that match the question best. */
function bestEnumerations(sentences: readonly Sentence[], target: string, terms: string[][], question: Question): { items: string[]; passageIndex: number }[] {
  const count = /([一二两三四五六七八九十\d]+)大/u.exec(question.search)?.[0];
  const found = sentences.flatMap((s) =>
    clauses(s.text).map((c) => {
      const key = normalizeForIndex(c);
      const bonus = count && key.includes(count) ? 3 : 0;
      return { items: enumeratedItems(c, target), passageIndex: s.passageIndex, score: termScore(key, terms) + bonus };
    }),
  ).filter((e) => e.items.length > 0);
  const top = Math.max(0, ...found.map((e) => e.score));
  return found.filter((e) => e.score === top && top > 0);
}

function listItems(question: Question, text: string): string[] {
  const target = question.target ?? "";
  if (/项目|工程/.test(target)) return projectNames(text);
  return companyNames(text);
}

function heading(g: ArticleGroup): string {
  return `${g.published ?? "日期不详"}《${g.title}》`;
}

/**
 * The default, offline answer model: composes a short answer from the passages by
 * question kind (lists, quantities, times, people, what), every item and sentence
 * followed by its citation, and refuses when the passages do not carry the answer.
 */
export function createExtractiveAnswerer(terms: Terms, options: ExtractiveOptions = DEFAULT_EXTRACTIVE_OPTIONS): AnswerModel {
  const refuse = (): ComposedAnswer => ({ answered: false, text: "" });
  return {
    name: "extractive",
    async compose(question, passages) {
      if (passages.length === 0) return refuse();
      // What a list question lists (企业) is not evidence that an article answers it.
      const exclude = question.kind === "list" && question.target ? [question.target] : [];
      const evidence = collectEvidence(question.search, passages, terms, exclude);
      if (evidence.terms.length === 0) return refuse();
      const supported = groupByArticle(passages, evidence.terms, evidence.places).filter((g) => g.coverage >= options.minCoverage);
      if (supported.length === 0) return refuse();
      const supportedIds = new Set(supported.map((g) => g.articleId));
      const sentencesOf = (g: ArticleGroup) => evidence.sentences.filter((s) => passages[s.passageIndex]!.articleId === g.articleId);
      const date = (s: Sentence) => passages[s.passageIndex]!.published;

      if (question.kind === "list") {
        const lines: string[] = [];
        const named = !question.target || /企业|公司|集团|单位|项目|工程/.test(question.target);
        for (const g of supported.slice(0, options.maxGroups)) {
          const seen = new Set<string>();
          const items: string[] = [];
          const add = (item: string, passageIndex: number) => {
            const key = normalizeForIndex(item);
            if (seen.has(key) || [...seen].some((k) => k.includes(key))) return;
            seen.add(key);
            items.push(`${item}${cite(passageIndex)}`);
          };
          // A sentence counts when its paragraph is about the place asked and matches the question.
          const relevant = sentencesOf(g)
            .filter((s) => evidence.places.every((p) => s.paragraphKey.includes(p)) && !elsewhere(s, evidence.places) && termScore(s.paragraphKey, evidence.terms) > 0)
            // Items in the article's order.
            .sort((a, b) => passages[a.passageIndex]!.ordinal - passages[b.passageIndex]!.ordinal || a.order - b.order);
          if (named) for (const s of relevant) for (const item of listItems(question, s.text)) add(item, s.passageIndex);
          else for (const e of bestEnumerations(relevant, question.target!, evidence.terms, question)) for (const item of e.items) add(item, e.passageIndex);
          if (items.length > 0) lines.push(`${heading(g)}：${items.join("、")}。`);
        }
        if (lines.length > 0) return { answered: true, text: lines.join("\n") };
      }

      // One best sentence from a supported article; the kind decides which clauses of it answer.
      const feature = featureOf(question.kind);
      const candidates = evidence.sentences
        .filter((s) => supportedIds.has(passages[s.passageIndex]!.articleId))
        .map((s, order) => ({ s, order, score: termScore(s.key, evidence.terms) + (feature && feature.test(s.text) ? 2 : 0) }))
        .filter((c) => c.score > 0 && (!feature || feature.test(c.s.text)));
      if (candidates.length === 0) return refuse();
      const best = candidates.reduce((a, b) => (b.score > a.score ? b : a));
      // The sentence must itself carry most of what was asked, not just its article.
      if (coverage(best.s.key, evidence.terms) < options.minCoverage / 2 || !evidence.terms.some((g) => g[0]!.length >= 2 && hasTerm(best.s.key, g))) return refuse();
      const span = resolveRelativeDates(answerSpan(best.s.text, question, evidence.terms), date(best.s));
      return { answered: true, text: `${span}。${cite(best.s.passageIndex)}` };
    },
  };
}
