import { carriesKind, hasQuantity, hasValueKind, newValues, type ValueSpan } from "./answer-types.js";
import type { Candidate, EvidenceContext } from "./candidates.js";
import { hasTerm, meetsConstraint, occurrences, type TermGroup } from "./evidence.js";
import { bigrams } from "../text/terms.js";

/** Names of the sentence features, in vector order (the fitted weights file lists them too). */
export const SENTENCE_FEATURES = [
  "bias",
  "coverage",
  "localCoverage",
  "contextCoverage",
  "bigramShare",
  "nameShare",
  "articleNameShare",
  "articleCoverage",
  "proximity",
  "carriesKind",
  "measure",
  "novelty",
  "rank",
  "lead",
  "length",
  "constraints",
  "unweightedShare",
  "focusShare",
  "focusAdjacent",
  "newKind",
  "titleEcho",
  "offTitleCoverage",
  "anchoredValue",
  "restates",
  "askedCoverage",
  "category",
] as const;

function weightedShare(key: string, terms: readonly TermGroup[]): number {
  const total = terms.reduce((s, g) => s + g.weight, 0);
  if (total === 0) return 1;
  return terms.reduce((s, g) => s + (hasTerm(key, g) ? g.weight : 0), 0) / total;
}

/** Share of the distinguishing terms (names, what is asked about) the text holds; 1 when the question has none. */
export function nameShare(key: string, terms: readonly TermGroup[]): number {
  const names = terms.filter((t) => t.name || t.focus);
  if (names.length === 0) return 1;
  return names.filter((t) => hasTerm(key, t)).length / names.length;
}

/**
 * The attribute a question asks about: the focus word before its question word (签约金额 in
 * "签约金额是多少"), not the category after it (公司 in "哪家公司"), which the answer fills in.
 */
const asked = (terms: readonly TermGroup[]) => terms.filter((t) => t.focus && !t.counted);

/** Share of the asked attributes the text holds; 1 when the question names none. */
export function focusShare(key: string, terms: readonly TermGroup[]): number {
  const focus = asked(terms);
  if (focus.length === 0) return 1;
  return focus.filter((t) => hasTerm(key, t)).length / focus.length;
}

const adjacency = new WeakMap<readonly TermGroup[], RegExp[]>();

/** A number or date right after (or just before) a focus word: "签约金额310.02亿元", "占地2.2万平方米". */
export function focusAdjacent(key: string, terms: readonly TermGroup[]): number {
  let patterns = adjacency.get(terms);
  if (!patterns) {
    patterns = asked(terms).flatMap((t) =>
      t.words.map((w) => {
        const esc = w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        return new RegExp(`${esc}[^，。；,;]{0,8}?[0-9一二两三四五六七八九十]|[0-9][^，。；,;]{0,4}?${esc}`, "u");
      }),
    );
    adjacency.set(terms, patterns);
  }
  return patterns.some((p) => p.test(key)) ? 1 : 0;
}

/** The smallest window holding one occurrence of each matched term, against the matched characters: 1 when they stand together. */
function proximity(key: string, terms: readonly TermGroup[]): number {
  const hits = terms.flatMap((g, group) => occurrences(key, g).map((o) => ({ at: o.start, group, len: o.end - o.start })));
  const groups = new Set(hits.map((h) => h.group));
  if (groups.size < 2) return groups.size === 1 ? 0.5 : 0;
  hits.sort((a, b) => a.at - b.at);
  const count = new Map<number, number>();
  let best = Infinity;
  let lo = 0;
  for (let hi = 0; hi < hits.length; hi++) {
    count.set(hits[hi]!.group, (count.get(hits[hi]!.group) ?? 0) + 1);
    while (count.size === groups.size) {
      const h = hits[lo]!;
      best = Math.min(best, hits[hi]!.at + hits[hi]!.len - h.at);
      const n = count.get(h.group)! - 1;
      if (n === 0) count.delete(h.group);
      else count.set(h.group, n);
      lo++;
    }
  }
  const matched = [...groups].reduce((s, g) => s + Math.max(...terms[g]!.words.map((w) => (key.includes(w) ? w.length : 0))), 0);
  return Math.min(1, matched / Math.max(1, best));
}

/** The measure word a quantity question counts in ("多少名孤老" → 名), as a pattern for "200名". */
export function measurePattern(search: string): RegExp | null {
  const m = /(?:多少|几)([个名家项次位所座条种支宗组天元亩人台套吨处年倍])/u.exec(search)?.[1];
  return m ? new RegExp(`[0-9一二两三四五六七八九十百千万]\\s*${m}`, "u") : null;
}

/** Share of the question's weighted bigrams found in the text. */
export function bigramShare(key: string, grams: ReadonlyMap<string, number>): number {
  let total = 0;
  let found = 0;
  for (const [g, w] of grams) {
    total += w;
    if (key.includes(g)) found += w;
  }
  return total === 0 ? 0 : found / total;
}

/** Characters either side of a value within which a question term anchors it ("曹路宝主持", "2018年8月…设立"). */
const ANCHOR_WINDOW = 12;

/**
 * For a question with a typed answer: of the question's terms that tell sentences of the article
 * apart (those its headline does not hold), the weighted share standing within a few characters
 * of one new value of the asked kind, for the best such value; 0 without a new value.
 */
function anchoredValue(ctx: EvidenceContext, c: Candidate, values: readonly ValueSpan[], offTitle: readonly TermGroup[]): number {
  if (values.length === 0) return 0;
  const terms = offTitle.length > 0 ? offTitle : ctx.local;
  const total = terms.reduce((sum, t) => sum + t.weight, 0);
  if (total === 0) return 0;
  const positions = terms.map((t) => occurrences(c.key, t));
  let best = 0;
  for (const v of values) {
    let near = 0;
    terms.forEach((t, i) => {
      if (positions[i]!.some((p) => p.end >= v.start - ANCHOR_WINDOW && p.start <= v.end + ANCHOR_WINDOW)) near += t.weight;
    });
    best = Math.max(best, near / total);
  }
  return best;
}

/** What every sentence of an article or paragraph shares, computed once per context. */
interface SharedFeatures {
  paragraphs: Map<number, Candidate[]>;
  articles: Map<string, { nameShare: number; coverage: number; offTitle: TermGroup[]; titleGrams: Set<string> }>;
}
const shared = new WeakMap<EvidenceContext, SharedFeatures>();

function sharedOf(ctx: EvidenceContext): SharedFeatures {
  let s = shared.get(ctx);
  if (!s) {
    const paragraphs = new Map<number, Candidate[]>();
    for (const c of ctx.candidates) paragraphs.set(c.paragraph, [...(paragraphs.get(c.paragraph) ?? []), c]);
    const articles = new Map(
      [...ctx.articleKeys].map(([id, key]) => {
        const title = ctx.titles.get(id) ?? "";
        return [id, { nameShare: nameShare(key, ctx.terms), coverage: weightedShare(key, ctx.terms), offTitle: ctx.local.filter((t) => !hasTerm(title, t)), titleGrams: new Set(bigrams(title)) }];
      }),
    );
    shared.set(ctx, (s = { paragraphs, articles }));
  }
  return s;
}

/** The feature vector of one candidate sentence. */
export function sentenceFeatures(ctx: EvidenceContext, c: Candidate): number[] {
  const { paragraphs, articles } = sharedOf(ctx);
  const paragraph = paragraphs.get(c.paragraph) ?? [c];
  const neighbours = paragraph.filter((o) => Math.abs(o.order - c.order) === 1);
  const around = [c, ...neighbours].map((o) => o.key).join("");
  const article = articles.get(c.articleId) ?? { nameShare: nameShare(c.key, ctx.terms), coverage: weightedShare(c.key, ctx.terms), offTitle: ctx.local, titleGrams: new Set<string>() };
  const grams = bigrams(c.key);
  // New values of the asked kind (not the question's own): the newKind and anchoredValue features.
  const values = newValues(ctx.question.kind, c.key, () => ctx.tokens(c), ctx.question.search);
  const measure = ctx.question.kind === "quantity" ? measurePattern(ctx.question.search) : null;
  const { counted, asked } = ctx.letters(c);
  const letters = counted[c.key.length]!;
  const novel = letters === 0 ? 0 : (letters - asked[c.key.length]!) / letters;
  const words = ctx.terms.flatMap((g) => g.words.slice(0, 1));
  const paragraphKey = paragraph.map((o) => o.key).join("");
  return [
    1,
    weightedShare(c.key, ctx.terms),
    weightedShare(c.key, ctx.local),
    weightedShare(around, ctx.local),
    bigramShare(c.key, ctx.grams),
    nameShare(c.key, ctx.terms),
    article.nameShare,
    article.coverage,
    proximity(c.key, ctx.terms),
    carriesKind(ctx.question.kind, c.key, () => ctx.tokens(c)) ? 1 : 0,
    measure ? (measure.test(c.key) ? 1 : 0) : hasQuantity(c.key) && ctx.question.kind === "quantity" ? 0.5 : 0,
    novel,
    1 / (1 + c.passageIndex),
    c.lead ? 1 : 0,
    Math.log(1 + c.key.length) / 5,
    ctx.constraints.every((k) => meetsConstraint(paragraphKey, k)) ? 1 : 0,
    words.length === 0 ? 0 : words.filter((w) => c.key.includes(w)).length / words.length,
    focusShare(c.key, ctx.terms),
    focusAdjacent(c.key, ctx.terms),
    !hasValueKind(ctx.question.kind) || values.length > 0 ? 1 : 0,
    // How much of the sentence is the headline again (a lead or a "原标题" line): restating the story is not answering.
    article.titleGrams.size === 0 || grams.length === 0 ? 0 : grams.filter((g) => article.titleGrams.has(g)).length / Math.min(grams.length, article.titleGrams.size),
    // The question's terms the headline does not hold: what tells the answering sentence from the story's other sentences.
    article.offTitle.length === 0 ? 0 : weightedShare(c.key, article.offTitle),
    anchoredValue(ctx, c, values, article.offTitle),
    // Share of the sentence's bigrams that are the question's or the headline's again.
    grams.length === 0 ? 0 : grams.filter((g) => ctx.grams.has(g) || article.titleGrams.has(g)).length / grams.length,
    weightedShare(c.key, ctx.asked),
    ctx.category === null ? 0.5 : c.key.includes(ctx.category) ? 1 : 0,
  ];
}
