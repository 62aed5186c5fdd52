import type { Retriever } from "../retrieve/retriever.js";
import { toSimplified } from "../text/normalize.js";
import { spellingsIn } from "./english.js";
import type { Question } from "./question.js";

/** How many articles the search with every sense looks at to choose between senses. */
const SENSE_ARTICLES = 5;

/**
 * An English word's dictionary senses are ranked by how often the corpus uses them, which
 * is blind to the question: "capacity" reads as 身份 (identity) before 容量, "line" as 队伍
 * before 线路. The articles that match the question know better. The question is searched
 * with every sense of every such word; in the best passage of each of the first articles,
 * the sense that occurs in the most (earlier articles weigh more) replaces the corpus's
 * choice, which joins the other senses. A sense no article uses changes nothing. A romanized
 * name the articles found do not write is spelled as they write its sounds, when one does.
 */
export async function settleSenses(question: Question, retriever: Retriever): Promise<Question> {
  const ambiguous = Object.entries(question.alternates);
  const names = Object.entries(question.spelled ?? {});
  if (question.script !== "english" || (ambiguous.length === 0 && names.length === 0)) return question;
  const wide = [question.search, ...ambiguous.flatMap(([, others]) => others)].join("，");
  const { passages } = await retriever.retrieve(wide, { k: SENSE_ARTICLES, maxPerArticle: 1, range: question.range, mode: "lexical", translated: true });
  const texts = passages.map((p) => toSimplified(`${p.title}\n${p.text}`));
  const support = (word: string) => texts.reduce((sum, text, rank) => sum + (text.includes(word) ? 1 / (rank + 1) : 0), 0);
  const chosen = new Map<string, string>();
  const alternates: Record<string, string[]> = {};
  for (const [first, others] of ambiguous) {
    const senses = [first, ...others];
    const scores = senses.map(support);
    const best = scores.indexOf(Math.max(...scores));
    const winner = senses[best]!;
    if (winner !== first) chosen.set(first, winner);
    alternates[winner] = senses.filter((s) => s !== winner);
  }
  // A romanized name spelled by the corpus's counts (Dai Yuan as 代元, which 时代元素 writes often)
  // that none of these articles writes is respelled as they write its sounds (戴源), if one does.
  for (const [spelling, syllables] of names) {
    if (support(spelling) > 0) continue;
    const spellings = [...new Set(texts.flatMap((text) => spellingsIn(syllables, text)))];
    const best = spellings.sort((a, b) => support(b) - support(a))[0];
    if (best) chosen.set(spelling, best);
  }
  if (chosen.size === 0) return question;
  // The search text is normalized: the words read from English are joined by ASCII commas.
  const search = question.search
    .split(",")
    .map((part) => chosen.get(part) ?? part)
    .join(",");
  const common = question.common?.map((w) => chosen.get(w) ?? w);
  return { ...question, search, alternates, ...(common ? { common } : {}) };
}
