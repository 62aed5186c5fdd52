import { describe, expect, it } from "vitest";
import { buildContext, respectiveParts } from "../../src/answer/candidates.js";
import { analyzeQuestion } from "../../src/answer/question.js";
import { createTerms } from "../../src/text/terms.js";
import { namesOne } from "../../src/answer/extractive.js";
import { tokensOf } from "../../src/answer/answer-types.js";
import { normalizeForIndex } from "../../src/text/normalize.js";
import type { Passage } from "../../src/types.js";

const terms = createTerms();
// Every word weighs the same: the parts depend on the question's clauses, not on the corpus.
const weights = { words: (ws: readonly string[]) => new Map(ws.map((w) => [w, 2])), grams: (gs: readonly string[]) => new Map(gs.map((g) => [g, 1])) };
const passage: Passage = { chunkId: 1, articleId: "a", ordinal: 0, title: "青州市出现阵雨天气", published: "2023-08-12", source: null, text: "其中降水量最大的站点为王坟站，累计49.6毫米。", score: 1, paths: ["words"] };
const partsOf = (q: string) => buildContext(analyzeQuestion(q), [passage], terms, weights).covers.map((a) => ({ kind: a.kind, words: a.terms.map((t) => t.words[0]) }));

describe("the parts a question asks", () => {
  it("keep a later part that asks again about the first part's word (站点是哪里？降水量多少？)", () => {
    const parts = partsOf("青州市降水量最大的站点是哪里？降水量多少？");
    expect(parts).toHaveLength(2);
    expect(parts[1]).toEqual({ kind: "quantity", words: ["降水量"] });
  });

  it("give a later part only its own words when it has some (核载几人？司机被罚了多少钱？)", () => {
    const parts = partsOf("莱阳收费站查获的超员面包车核载几人？司机被罚了多少钱？");
    expect(parts).toHaveLength(2);
    expect(parts[1]!.words).not.toContain("面包车");
  });

  it("give a later part that names nothing (他是哪里人？) the names of the first, for the answer to cover, not for choosing evidence", () => {
    const ctx = buildContext(analyzeQuestion("王占仁出任西北师范大学校长之前是哪所大学的副校长？他是哪里人？"), [passage], terms, weights);
    expect(ctx.covers.map((a) => a.terms.map((t) => t.words[0]))[1]).toEqual(["王占仁", "西北师范大学"]);
    expect(ctx.asks).toEqual([]);
  });

  it("take the subject said before the comma when the clause that asks names nothing (…的司机，叫什么、去世时多大？)", () => {
    const parts = partsOf("乌鲁木齐那个把公交车停在路边的司机，叫什么、去世时多大？");
    expect(parts).toHaveLength(2);
    expect(parts[0]!.words).toContain("公交车");
    expect(parts[1]!.kind).toBe("quantity");
  });
});

describe("the things a question asks of in turn (分别)", () => {
  it("are each joined thing with what is asked of them, the first reaching back to a time or a name before it", () => {
    expect(respectiveParts("中国电信2023年上半年营业收入和归母净利润分别是多少", terms)).toEqual(["营业收入分别是多少", "归母净利润分别是多少"]);
    expect(respectiveParts("京津冀暴雨灾区捐款，阿里巴巴和小米分别捐了多少", terms)).toEqual(["阿里巴巴分别捐了多少", "小米分别捐了多少"]);
  });

  it("join by 、 as by 和, and say what the last says after 的 of each", () => {
    expect(respectiveParts("苹果、三星和华为分别卖了多少台", terms)).toEqual(["苹果分别卖了多少台", "三星分别卖了多少台", "华为分别卖了多少台"]);
    expect(respectiveParts("小米与华为的出货量分别是多少", terms)).toEqual(["小米出货量分别是多少", "华为出货量分别是多少"]);
  });

  it("are none without 分别 or without things joined", () => {
    expect(respectiveParts("中国电信上半年营业收入是多少", terms)).toEqual([]);
    expect(respectiveParts("两家公司分别捐了多少", terms)).toEqual([]);
  });

  it("are the parts the answer covers, each with its own words", () => {
    const parts = partsOf("中国电信2023年上半年营业收入和归母净利润分别是多少？");
    expect(parts).toHaveLength(2);
    expect(parts.map((p) => p.kind)).toEqual(["quantity", "quantity"]);
    expect(parts[0]!.words.join()).toContain("营业");
    expect(parts[1]!.words.join()).not.toContain("营业");
  });
});

describe("the name a which- or what-part asks for", () => {
  const namedOf = (q: string) => buildContext(analyzeQuestion(q), [passage], terms, weights).covers.map((a) => a.named);

  it("is the noun after its question word (哪个剧团 → 剧团, 什么病 → 病), none for a part that asks a number", () => {
    expect(namedOf("长桥街道上演的儿童剧是哪个剧团演的？有多少组亲子家庭来看？")).toEqual(["剧团", null]);
    expect(namedOf("送医的89岁老人叫什么名字？因为什么病晕倒？")[1]).toBe("病");
  });

  const names = (sentence: string, noun: string, question: string) => namesOne(normalizeForIndex(sentence), tokensOf(normalizeForIndex(sentence), terms), noun, normalizeForIndex(question));
  it.each([
    ["演出由兜好玩艺术剧团带来。", "剧团", true],
    ["张仁友老人患有冠心病。", "病", true],
    ["他现场演绎的《武松打虎》节目趣味丛生。", "节目", true],
    ["该剧团成立于2010年。", "剧团", false],
    ["每一代传承人不仅节目表演得精彩。", "节目", false],
  ] as const)("is in %s: %s", (sentence, noun, expected) => {
    expect(names(sentence, noun, "是哪个剧团演的？因为什么病？表演了什么节目？")).toBe(expected);
  });

  it("is not one the question names itself", () => {
    expect(names("演出由兜好玩艺术剧团带来。", "剧团", "兜好玩艺术剧团演了哪个剧？是哪个剧团演的？")).toBe(false);
    expect(names("张仁友老人患有冠心病。", "病", "冠心病老人晕倒后得的是什么病？")).toBe(false);
  });
});
