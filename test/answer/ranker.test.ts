import { describe, expect, it } from "vitest";
import { buildContext } from "../../src/answer/candidates.js";
import { analyzeQuestion } from "../../src/answer/question.js";
import { ANSWERABLE_FEATURES, answerableFeatures, eligibleEvidence, rankSentences, type RankerModels } from "../../src/answer/ranker.js";
import { loadRankerModels } from "../../src/answer/extractive.js";
import { fitRanker } from "../../src/eval/fit.js";
import { createTerms } from "../../src/text/terms.js";
import type { Passage } from "../../src/types.js";

const terms = createTerms();
const weights = { words: (ws: readonly string[]) => new Map(ws.map((w) => [w, 2])), grams: (gs: readonly string[]) => new Map(gs.map((g) => [g, 1])) };
const passage = (articleId: string, text: string, score: number): Passage => ({ chunkId: articleId.charCodeAt(0), articleId, ordinal: 0, title: `${articleId}报道`, published: "2024-01-01", source: null, text, score, paths: ["grams"] });
const models = loadRankerModels();
const question = analyzeQuestion("金湖县新能源项目总投资多少亿元？");
const first = passage("a", "金湖县新能源项目总投资12亿元。", 1.6);
const second = passage("b", "盱眙县新能源项目总投资8亿元。", 0.4);
const feature = (f: readonly number[], name: (typeof ANSWERABLE_FEATURES)[number]) => f[ANSWERABLE_FEATURES.indexOf(name)];

describe("the answerability model's view of retrieval", () => {
  const ctx = buildContext(question, [first, second], terms, weights);
  const ranked = rankSentences(ctx, models.sentence);
  const of = (id: string) => ranked.find((r) => r.candidate.articleId === id)!;

  it("reads evidence from the first article as chosen clearly when the next scores far less: its share 1, the lead a share of the first's score", () => {
    const f = answerableFeatures(ctx, of("a"), of("b"), undefined);
    expect(f).toHaveLength(ANSWERABLE_FEATURES.length);
    expect(feature(f, "articleScoreShare")).toBe(1);
    expect(feature(f, "articleMargin")).toBeCloseTo(0.75);
  });

  it("gives evidence from a lower article its score against the first's", () => {
    expect(feature(answerableFeatures(ctx, of("b"), of("a"), undefined), "articleScoreShare")).toBeCloseTo(0.25);
  });

  it("reads one article alone, or articles without scores, as chosen clearly", () => {
    const alone = buildContext(question, [first], terms, weights);
    const best = rankSentences(alone, models.sentence)[0]!;
    expect([feature(answerableFeatures(alone, best, undefined, undefined), "articleScoreShare"), feature(answerableFeatures(alone, best, undefined, undefined), "articleMargin")]).toEqual([1, 1]);
    const unscored = buildContext(question, [{ ...first, score: 0 }, { ...second, score: 0 }], terms, weights);
    const top = rankSentences(unscored, models.sentence)[0]!;
    expect(feature(answerableFeatures(unscored, top, undefined, undefined), "articleMargin")).toBe(1);
  });
});

describe("refitting the answerability model alone", () => {
  it("keeps the sentence and span models given, so no ranking and no direct answer changes, and fits a model over every answerability feature", () => {
    const examples = [
      { passages: [first, second], answers: ["12亿元"], withGold: true },
      { passages: [second, first], answers: ["12亿元"], withGold: true },
      { passages: [second], answers: ["12亿元"], withGold: false },
      { passages: [passage("c", "金湖县举办新能源论坛。", 1.6), second], answers: ["12亿元"], withGold: false },
    ].map((e) => ({ ctx: buildContext(question, e.passages, terms, weights), answers: e.answers, withGold: e.withGold }));
    const keep: Pick<RankerModels, "sentence" | "span"> = { sentence: models.sentence, span: models.span };
    const refit = fitRanker(examples, keep);
    expect(refit.sentence).toBe(models.sentence);
    expect(refit.span).toBe(models.span);
    expect(refit.answerable.features).toEqual([...ANSWERABLE_FEATURES]);
    expect(refit.answerable.weights.every(Number.isFinite)).toBe(true);
  });
});

describe("a question pinned to a day", () => {
  const pinned = analyzeQuestion("8月2日港股跌幅扩大那天，碧桂园服务涨了多少？");
  const dated = (articleId: string, published: string, text: string): Passage => ({ ...passage(articleId, text, 1), title: "港股午评", published });
  const eligibleArticles = (passages: Passage[]) => {
    const ctx = buildContext(pinned, passages, terms, weights);
    return [...new Set(eligibleEvidence(ctx, rankSentences(ctx, models.sentence)).map((r) => r.candidate.articleId))];
  };

  it("is answered by a report published that day that does not write its date, not by another day's", () => {
    expect(eligibleArticles([dated("day", "2023-08-02", "港股跌幅扩大，碧桂园服务涨超17%。"), dated("later", "2023-08-18", "港股低开，碧桂园服务涨超5%。")])).toEqual(["day"]);
  });

  it("is answered by another day's report only when it writes the day", () => {
    expect(eligibleArticles([dated("later", "2023-08-18", "回顾8月2日，港股跌幅扩大，碧桂园服务涨超17%。")])).toEqual(["later"]);
    expect(eligibleArticles([dated("undated", "", "港股跌幅扩大，碧桂园服务涨超17%。")])).toEqual([]);
    expect(eligibleArticles([dated("next-month", "2023-09-02", "港股跌幅扩大，碧桂园服务涨超17%。")])).toEqual([]);
  });
});

describe("a question naming many places", () => {
  const tour = analyzeQuestion("如东县代表团到江苏张家港、江阴和浙江学习，看了哪家企业？");
  const eligibleWith = (text: string) => {
    const ctx = buildContext(tour, [passage("a", text, 1)], terms, weights);
    return eligibleEvidence(ctx, rankSentences(ctx, models.sentence)).length > 0;
  };

  it("is answered by an article that names more than half of its five places, as a tour's passages need not repeat where it set out from", () => {
    expect(eligibleWith("代表团在张家港、江阴和浙江海宁参观了华芳集团等企业。")).toBe(true);
  });

  it("is not answered by an article that names only two of them", () => {
    expect(eligibleWith("代表团在张家港和江阴参观了华芳集团等企业。")).toBe(false);
  });
});
