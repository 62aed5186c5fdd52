import { describe, expect, it } from "vitest";
import { analyzeQuestion } from "../../src/answer/question.js";
import { settleSenses } from "../../src/answer/senses.js";
import type { Retriever } from "../../src/retrieve/retriever.js";
import type { Passage } from "../../src/types.js";

/** A retriever that finds the given texts, as passages of articles a, b, c …, and records what it was asked. */
function retrieverOver(texts: readonly string[]): Retriever & { asked: string[] } {
  const asked: string[] = [];
  const passages: Passage[] = texts.map((text, i) => ({ chunkId: i, articleId: String.fromCharCode(97 + i), ordinal: 0, title: "", published: null, source: null, text, score: 1, paths: ["grams"] }));
  return { defaultMode: "lexical", asked, retrieve: async (question) => (asked.push(question), { passages, mode: "lexical", ms: 0 }) };
}

/** An English question as read: the words the reader chose, and their other senses. */
function english(search: string[], alternates: Record<string, string[]>) {
  return analyzeQuestion("What are the leading industries of the Rudong development zone?", new Date(), () => ({ search: search.join(" "), unmapped: [], alternates }));
}

describe("settleSenses", () => {
  it("searches every sense, then keeps the one the matching articles use", async () => {
    const retriever = retrieverOver(["如东经济开发区三大主导产业是风电装备、安全防护、新材料。", "开发区主导产业加快集聚"]);
    const q = await settleSenses(english(["领导", "产业", "如东", "开发区"], { 领导: ["主导", "引导"] }), retriever);
    expect(retriever.asked[0]).toContain("主导");
    expect(q.search.split(",")).toEqual(["主导", "产业", "如东", "开发区"]);
    // The corpus's first choice stays at hand for the evidence, beside the other senses.
    expect(q.alternates["主导"]).toEqual(["领导", "引导"]);
  });

  it("keeps the corpus's choice when the articles use no other sense more", async () => {
    const question = english(["领导", "产业", "如东"], { 领导: ["主导"] });
    expect(await settleSenses(question, retrieverOver(["市领导在如东调研产业"]))).toBe(question);
    expect(await settleSenses(question, retrieverOver([]))).toBe(question);
  });

  it("respells a romanized name no matching article writes as they write its sounds (Dai Yuan: 代元 → 戴源), and keeps one they write", async () => {
    const read = (search: string[], spelled: Record<string, string[]>) =>
      analyzeQuestion("What did Dai Yuan say at the Yancheng meeting?", new Date(), () => ({ search: search.join(" "), unmapped: [], alternates: {}, spelled }));
    const articles = ["盐城全市产业园区项目载体建设现场推进会召开，戴源指出，要围绕产业转移规律。", "盐城召开推进会"];
    const q = await settleSenses(read(["代元", "盐城", "会议"], { 代元: ["dai", "yuan"] }), retrieverOver(articles));
    expect(q.search.split(",")).toEqual(["戴源", "盐城", "会议"]);
    // A spelling the articles write stays, though another run of characters reads the same (许多 and 许铎 both read xu duo).
    const kept = read(["许多", "小米"], { 许多: ["xu", "duo"] });
    expect((await settleSenses(kept, retrieverOver(["小米许多产品降价，许铎表示"]))).search).toBe(kept.search);
    // No article writes the sounds: the spelling stays.
    const none = read(["代元", "盐城"], { 代元: ["dai", "yuan"] });
    expect((await settleSenses(none, retrieverOver(["盐城召开推进会"]))).search).toBe(none.search);
  });

  it("leaves Chinese questions alone, without a search", async () => {
    const retriever = retrieverOver(["如东经济开发区三大主导产业"]);
    const question = analyzeQuestion("如东开发区的主导产业是什么？");
    expect(await settleSenses(question, retriever)).toBe(question);
    expect(retriever.asked).toEqual([]);
  });
});
