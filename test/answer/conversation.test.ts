import { describe, expect, it } from "vitest";
import type { AskResult } from "../../src/answer/answer.js";
import { createConversations, resolveFollowUp, type Turn } from "../../src/answer/conversation.js";
import { resolveRelativeDates } from "../../src/answer/relative-dates.js";

const result = { question: "", answered: true, answer: "", direct: null, confidence: null, unsure: false, citations: [], related: [], retrieval: { mode: "lexical", ms: 0 }, note: null } as AskResult;
const turn = (effective: string, at = 0): Turn => ({ question: effective, effective, result, at });

describe("resolveFollowUp", () => {
  const history = [turn("史志军在金湖调研了哪些企业？")];
  it.each([
    ["那洪泽区呢？", { kind: "rewrite", question: "史志军在洪泽区调研了哪些企业?" }],
    ["那么如东经济开发区呢", { kind: "rewrite", question: "史志军在如东经济开发区调研了哪些企业?" }],
    ["what about Rudong?", { kind: "rewrite", question: "rudong 史志军在金湖调研了哪些企业?" }],
    ["第二条来源是哪篇文章？", { kind: "source", n: 2 }],
    ["[3] 是什么文章", { kind: "source", n: 3 }],
    ["如东经济开发区有哪两大特色产业？", { kind: "new" }],
  ])("reads %s", (question, expected) => {
    expect(resolveFollowUp(question, history)).toEqual(expected);
  });

  it("replaces a year when the follow-up names one", () => {
    expect(resolveFollowUp("2023年呢？", [turn("2024年攻坚拉练去了多少个县区园区？")])).toEqual({ kind: "rewrite", question: "2023年攻坚拉练去了多少个县区园区?" });
  });

  it("treats everything as new without history", () => {
    expect(resolveFollowUp("那洪泽区呢？", [])).toEqual({ kind: "new" });
  });
});

describe("createConversations", () => {
  it("keeps a few recent turns per chat, forgets old ones and the oldest chats", () => {
    let now = 0;
    const c = createConversations({ maxTurns: 2, ttlMs: 1000, maxChats: 2 }, () => now);
    c.add("a", turn("1", 0));
    c.add("a", turn("2", 0));
    c.add("a", turn("3", 0));
    expect(c.history("a").map((t) => t.question)).toEqual(["2", "3"]);
    c.add("b", turn("b1", 0));
    c.add("c", turn("c1", 0));
    expect(c.history("a")).toEqual([]);
    now = 2000;
    expect(c.history("b")).toEqual([]);
  });
});

describe("resolveRelativeDates", () => {
  it.each([
    ["昨日,市委书记调研", "2026-01-25", "昨日（2026-01-24）,市委书记调研"],
    ["今天召开会议", "2024-07-24", "今天（2024-07-24）召开会议"],
    ["前天签约", "2024-03-01", "前天（2024-02-28）签约"],
    ["上周五开工", "2026-01-25", "上周五（2026-01-16）开工"],
    ["昨日开会", null, "昨日开会"],
  ])("%s (published %s)", (text, published, expected) => {
    expect(resolveRelativeDates(text, published)).toBe(expected);
  });
});
