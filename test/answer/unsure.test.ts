import { describe, expect, it } from "vitest";
import type { AskResult } from "../../src/answer/answer.js";
import type { AnswerModel } from "../../src/answer/model.js";
import { createResponder } from "../../src/answer/respond.js";
import type { Retriever } from "../../src/retrieve/retriever.js";
import type { Passage } from "../../src/types.js";
import { formatAnswer } from "../../src/interfaces/cli/format.js";
import { answerBlocks } from "../../src/interfaces/telegram/format.js";

const passage: Passage = { chunkId: 1, articleId: "a1", ordinal: 0, title: "市领导在金湖调研", published: "2026-01-25", source: "淮安日报", text: "史志军来到江苏红光仪表厂有限公司。", score: 1, paths: ["words"] };
const retriever: Retriever = { defaultMode: "lexical", retrieve: async () => ({ passages: [passage], mode: "lexical", ms: 1 }) };
/** An answer model that answers every question from the passage with the given confidence. */
const answering = (confidence: number | undefined): AnswerModel => ({ name: "stub", compose: async () => ({ answered: true, text: "史志军来到江苏红光仪表厂有限公司。⟦0⟧", ...(confidence === undefined ? {} : { confidence }) }) });
const ask = (confidence: number | undefined, question: string) =>
  createResponder({ retriever, model: answering(confidence), conversations: null }, { k: 5, maxPerArticle: 4, unsureBelow: 0.6, unsureBelowEnglish: 0.8 }).ask(question);

describe("answers given with little confidence are marked unsure", () => {
  it("marks an answer below the threshold of the question's language, and no other", async () => {
    expect((await ask(0.59, "史志军去了哪家企业？")).unsure).toBe(true);
    expect((await ask(0.6, "史志军去了哪家企业？")).unsure).toBe(false);
    // English questions are answered less surely at the same confidence: their threshold is higher.
    expect((await ask(0.7, "Which company did Shi Zhijun visit?")).unsure).toBe(true);
    expect((await ask(0.85, "Which company did Shi Zhijun visit?")).unsure).toBe(false);
    // A model that gives no confidence (an LLM) is not marked.
    expect((await ask(undefined, "史志军去了哪家企业？")).unsure).toBe(false);
  });

  it("never marks a refusal, and marks nothing when the thresholds are 0", async () => {
    const refusing: AnswerModel = { name: "stub", compose: async () => ({ answered: false, text: "", confidence: 0.1, refusal: "confidence" }) };
    expect((await createResponder({ retriever, model: refusing, conversations: null }, { k: 5, maxPerArticle: 4, unsureBelow: 0.6 }).ask("史志军去了哪家企业？")).unsure).toBe(false);
    expect((await createResponder({ retriever, model: answering(0.1), conversations: null }, { k: 5, maxPerArticle: 4 }).ask("史志军去了哪家企业？")).unsure).toBe(false);
  });

  it("marks a sure answer whose evidence comes from another article than the one the search ranks first", async () => {
    const other: Passage = { ...passage, chunkId: 2, articleId: "a2", title: "另一天的报道" };
    const twoArticles: Retriever = { defaultMode: "lexical", retrieve: async () => ({ passages: [passage, other], mode: "lexical", ms: 1 }) };
    const from = (index: number, unsureBelow = 0.6) =>
      createResponder({ retriever: twoArticles, model: { name: "stub", compose: async () => ({ answered: true, text: `史志军来到江苏红光仪表厂有限公司。⟦${index}⟧`, confidence: 0.95 }) }, conversations: null }, { k: 5, maxPerArticle: 4, unsureBelow }).ask("史志军去了哪家企业？");
    expect((await from(1)).unsure).toBe(true);
    expect((await from(1)).citations[0]!.articleId).toBe("a2");
    expect((await from(0)).unsure).toBe(false);
    // Marking switched off (0) marks none.
    expect((await from(1, 0)).unsure).toBe(false);
  });

  it("marks a sure answer that gives no value for one of the things the question asks in turn", async () => {
    const partial = (uncovered: number) =>
      createResponder({ retriever, model: { name: "stub", compose: async () => ({ answered: true, text: "史志军来到江苏红光仪表厂有限公司。⟦0⟧", confidence: 0.95, uncovered }) }, conversations: null }, { k: 5, maxPerArticle: 4, unsureBelow: 0.6 }).ask("史志军去了哪家企业？待了多久？");
    expect((await partial(1)).unsure).toBe(true);
    expect((await partial(0)).unsure).toBe(false);
  });

  it("shows the warning before the answer in the console and in Telegram, in the reader's language and script", async () => {
    const unsure = await ask(0.5, "史志军去了哪家企业？");
    expect(formatAnswer(unsure).split("\n").slice(0, 2)).toEqual(["把握不大：这是文章里最接近的说法，请对照来源核实。", "史志军来到江苏红光仪表厂有限公司。[1]"]);
    expect(formatAnswer({ ...unsure, question: "史志軍去了哪家企業？" }).split("\n")[0]).toBe("把握不大：這是文章裡最接近的說法，請對照來源核實。");
    const english = await ask(0.7, "Which company did Shi Zhijun visit?");
    expect(formatAnswer(english).split("\n")[0]).toBe("Not sure: this is the closest the articles come. Check it against the sources.");
    expect(answerBlocks(unsure, "simplified").slice(0, 2)).toEqual(["<i>⚠️ 把握不大：这是文章里最接近的说法，请对照来源核实。</i>", "史志军来到江苏红光仪表厂有限公司。[1]"]);
    const sure: AskResult = await ask(0.9, "史志军去了哪家企业？");
    expect(formatAnswer(sure).split("\n")[0]).toBe("史志军来到江苏红光仪表厂有限公司。[1]");
    expect(answerBlocks(sure, "simplified")[0]).toBe("史志军来到江苏红光仪表厂有限公司。[1]");
  });
});
