import { describe, expect, it } from "vitest";
import { hasTerm, questionTerms } from "../../src/answer/evidence.js";
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
});
