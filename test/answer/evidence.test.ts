import { describe, expect, it } from "vitest";
import { askedPeriod, focusWords, gradedScore, hasTerm, periodsIn, pinsIn, questionTerms, samePeriod, shortens, yearsIn } from "../../src/answer/evidence.js";
import { normalizeForIndex } from "../../src/text/normalize.js";
import { createTerms } from "../../src/text/terms.js";

const terms = createTerms();
// Every word is one the corpus holds (a word it never holds would also match by half its bigrams).
const weights = (words: readonly string[]) => new Map(words.map((w) => [w, w === "\u0000" ? 10 : 2]));

describe("question terms", () => {
  it("match a place by its name without the administrative level the article drops (如东县 ~ 如东)", () => {
    const group = questionTerms(normalizeForIndex("如东县发改委主任说要聚焦哪三大产业集群"), terms, weights).find((g) => g.words.includes("如东县"));
    expect(group?.name).toBe(true);
    expect(hasTerm(normalizeForIndex("如东经济开发区聚焦三大产业集群"), group!)).toBe(true);
    expect(hasTerm(normalizeForIndex("南通市聚焦三大产业集群"), group!)).toBe(false);
  });

  it("leave out the words of half-remembering (好像, 大概, 来着), which no article holds", () => {
    const words = questionTerms(normalizeForIndex("前阵子好像看到上海有家银行给养猪场放了一笔贷款，大概贷了多少来着？"), terms, weights).flatMap((g) => g.words);
    expect(words).toContain("贷款");
    for (const hedge of ["好像", "大概", "来着"]) expect(words).not.toContain(hedge);
  });

  it("leave out conjunctions (因为, 如果), which join what is asked", () => {
    const words = questionTerms(normalizeForIndex("老人因为什么病晕倒？如果没有突破会怎样？"), terms, weights).flatMap((g) => g.words);
    expect(words).toEqual(expect.arrayContaining(["晕倒", "突破"]));
    for (const joining of ["因为", "如果"]) expect(words).not.toContain(joining);
  });

  it("leave out a demonstrative with its measure word (这方面, 那件), which refers to what was said before", () => {
    const words = questionTerms(normalizeForIndex("女性角色在这方面有什么不同？史志军督办的那件提案叫什么？"), terms, weights).flatMap((g) => g.words);
    expect(words).toEqual(expect.arrayContaining(["女性", "角色", "提案"]));
    for (const referring of ["这方面", "那件"]) expect(words).not.toContain(referring);
  });

  it("take the word right after a question word for the kind of thing asked, not a name (哪座城市, which jieba tags a place)", () => {
    const groups = questionTerms(normalizeForIndex("2023年央视中秋晚会落户哪座城市？"), terms, weights);
    expect(groups.find((g) => g.words.includes("城市"))?.name).toBe(false);
    expect(questionTerms(normalizeForIndex("中秋晚会落户城市是郑州吗？"), terms, weights).find((g) => g.words.includes("城市"))?.name).toBe(true);
  });

  it("leave out a word the segmenter glues from 说, the particle 过 or the localizer 后 and a neighbour (部说, 做过, 后起), which no article is about", () => {
    const words = questionTerms(normalizeForIndex("交通运输部说去年交通固定资产投资首次突破多少？"), terms, weights).flatMap((g) => g.words);
    expect(words).toEqual(expect.arrayContaining(["固定资产", "投资"]));
    expect(words).not.toContain("部说");
    const game = questionTerms(normalizeForIndex("做过《火爆狂飙》的那个工作室在做新的赛车游戏"), terms, weights);
    expect(game.flatMap((g) => g.words)).not.toContain("做过");
    expect(questionTerms(normalizeForIndex("极氪001限时降价后起售价是多少？"), terms, weights).flatMap((g) => g.words)).not.toContain("后起");
  });

  it("count no word an English question wrote small as a name, though jieba tags its translation a place (things → 东西)", () => {
    const search = normalizeForIndex("东西,香港,购买");
    expect(questionTerms(search, terms, weights).find((g) => g.words.includes("东西"))?.name).toBe(true);
    const groups = questionTerms(search, terms, weights, [], { common: ["东西"] });
    expect(groups.find((g) => g.words.includes("东西"))?.name).toBe(false);
    expect(groups.find((g) => g.words.includes("香港"))?.name).toBe(true);
  });
});

describe("what a question asks about", () => {
  it("is the noun before a how-question the segmenter cuts from its 多 (面积有多/m 大/a)", () => {
    expect(focusWords(normalizeForIndex("展览面积有多大"), terms, true).map((f) => f.word)).toContain("面积");
    expect(focusWords(normalizeForIndex("河堤决口有多宽"), terms, true).map((f) => f.word)).toContain("决口");
    // 多 as "many" before a noun is no question word.
    expect(focusWords(normalizeForIndex("多位艺人进行了现场表演"), terms, true)).toEqual([]);
  });
});

describe("a part's terms in a sentence", () => {
  it("count a long word the sentence writes only in part by the share of its bigrams it holds", () => {
    const groups = [{ words: ["现场表演"], weight: 6, focus: false, partial: false, counted: false, name: false, noun: false }];
    expect(gradedScore(normalizeForIndex("他现场演绎的节目"), groups)).toBeCloseTo(2);
    expect(gradedScore(normalizeForIndex("他现场表演的节目"), groups)).toBe(6);
    expect(gradedScore(normalizeForIndex("他演唱的节目"), groups)).toBe(0);
  });
});

describe("shortened names", () => {
  it("find a name's full form from the short one Chinese uses, its characters in order and close together", () => {
    expect(shortens("公安部交通管理局副局长介绍", "交管局")).toBe(true);
    expect(shortens("国家发展和改革委员会", "发改委")).toBe(true);
    // Out of order, too far apart, or only two characters (found in order by chance): not a shortening.
    expect(shortens("交通局管理处", "交管局")).toBe(false);
    expect(shortens("交通运输部门和管理部门所属的局", "交管局")).toBe(false);
    expect(shortens("人民代表大会", "人大")).toBe(false);
  });
});

describe("what a question pins its event down by", () => {
  const holds = (question: string, text: string) => pinsIn(question).every((p) => p.test(text));

  it("takes full dates and decimal figures, not years, months or whole numbers", () => {
    expect(pinsIn("2023年8月份有多少名游客").length).toBe(0);
    expect(pinsIn("8月9日人民币中间价报多少").length).toBe(1);
    expect(pinsIn("黄金期货收于每克236.65元那天，白银收在多少").length).toBe(1);
  });

  it("finds a date with or without its month, a figure whole, and not in another day or number", () => {
    expect(holds("8月9日人民币中间价报多少", "2023年8月9日银行间外汇市场")).toBe(true);
    expect(holds("8月9日人民币中间价报多少", "中国外汇交易中心9日公布")).toBe(true);
    expect(holds("8月9号人民币中间价报多少", "8月9日")).toBe(true);
    expect(holds("8月9日人民币中间价报多少", "2023年8月4日银行间外汇市场，19日")).toBe(false);
    expect(holds("每克236.65元那天", "收于每克236.65元")).toBe(true);
    expect(holds("每克236.65元那天", "收于每克1236.65元，236.651")).toBe(false);
  });

  it("takes a number of seven or more digits (a lottery draw), not a stock code an article may leave out", () => {
    expect(holds("双色球第2023085期一等奖中出了多少注？", "双色球第2023085期开奖")).toBe(true);
    expect(holds("双色球第2023085期一等奖中出了多少注？", "双色球第2023084期开奖，奖池20230851元")).toBe(false);
    expect(pinsIn("江苏阳光（600220）8月7日收盘价多少？").length).toBe(1);
  });

  it("takes a level in Roman numerals however the article writes it (Ⅲ级, III级, 三级), and not another level", () => {
    const q = normalizeForIndex("从什么时间起将响应级别由Ⅲ级提升为Ⅱ级？");
    expect(holds(q, normalizeForIndex("自8月2日22时起将响应级别由Ⅲ级提升为Ⅱ级"))).toBe(true);
    expect(holds(q, normalizeForIndex("由三级应急响应提升为二级"))).toBe(true);
    expect(holds(q, normalizeForIndex("由III级提升为II级"))).toBe(true);
    expect(holds(q, normalizeForIndex("自8月9日22时起由Ⅱ级提升为Ⅰ级"))).toBe(false);
  });

  it("reads Ⅺ and Ⅻ as eleven and twelve, and a level not inside a larger one (一级 is not in 十一级)", () => {
    const q = normalizeForIndex("风力达到Ⅻ级时怎么办？");
    expect(holds(q, normalizeForIndex("风力十二级"))).toBe(true);
    expect(holds(q, normalizeForIndex("风力XII级"))).toBe(true);
    expect(holds(q, normalizeForIndex("风力Ⅱ级"))).toBe(false);
    expect(holds(normalizeForIndex("由Ⅰ级提升"), "风力十一级")).toBe(false);
    expect(holds(normalizeForIndex("由Ⅰ级提升"), "一级响应")).toBe(true);
  });
});

describe("the year and the part of the year a question asks about", () => {
  it("reads quarters and halves, not a run of them (前三季度)", () => {
    expect(periodsIn("华新环保2023年一季度主营收入是多少")).toEqual(["q1"]);
    expect(periodsIn("2023年第二季度出货量，上半年份额第一")).toEqual(["q2", "h1"]);
    expect(periodsIn("前三季度营收增长")).toEqual([]);
  });

  it("lets a sentence answer when it names the asked period or none, not when it names only another", () => {
    const asked = askedPeriod("华新环保2023年一季度主营收入是多少");
    expect(samePeriod(asked, "其中2023年第二季度，公司单季度主营收入2.05亿元")).toBe(false);
    expect(samePeriod(asked, "一季度主营收入1.6亿元，二季度2.05亿元")).toBe(true);
    expect(samePeriod(asked, "公司主营收入1.6亿元")).toBe(true);
    expect(samePeriod(askedPeriod("上半年净利润多少"), "下半年净利润有望回升")).toBe(false);
    // A half holds the quarter, but its figure is not the quarter's; a question on the half is answered beside its quarters.
    expect(samePeriod(asked, "公司上半年主营收入3.65亿元")).toBe(false);
    expect(samePeriod(askedPeriod("2023年上半年全省建设文旅项目多少个"), "全省建设文旅项目384个，整体呈现一季度“开门好”、二季度“加速跑”的良好局面")).toBe(true);
    expect(samePeriod(askedPeriod("营收多少"), "第二季度营收2亿元")).toBe(true);
  });

  it("reads the years a text speaks of, each year of a span, not one it measures against or counts from", () => {
    expect(yearsIn("在2020年至2022年的过去三年，净利润分别为8.46亿元")).toEqual([2020, 2021, 2022]);
    expect(yearsIn("公司成立于2015年，2023年营收增长")).toEqual([2023]);
    expect(yearsIn("较2022年同期增长，自2020年以来最高，2017年以来共释放")).toEqual([]);
    expect(yearsIn("2023世界机器人大会")).toEqual([]);
  });

  it("lets a sentence answer a question on a year when it names that year or none, not when it names only others", () => {
    const asked = askedPeriod("四川天府银行2023年上半年净利润多少");
    expect(samePeriod(asked, "该行在2020年至2022年的过去三年，净利润分别为8.46亿元、7.84亿元、3.23亿元")).toBe(false);
    expect(samePeriod(asked, "2023年上半年，该行净利润0.5亿元，较2022年同期下降")).toBe(true);
    expect(samePeriod(asked, "上半年该行净利润0.5亿元")).toBe(true);
    // A span holding the year may speak of it.
    expect(samePeriod(asked, "2021年至2025年，该行计划净利润年均增长5%")).toBe(true);
  });
});
