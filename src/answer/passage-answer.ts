import type { Passage } from "../types.js";

/** Longest excerpt of a passage quoted in a passage-list answer. */
const EXCERPT = 120;

function excerpt(text: string): string {
  const chars = [...text.replace(/\s+/g, " ")];
  return chars.length > EXCERPT ? `${chars.slice(0, EXCERPT).join("")}…` : chars.join("");
}

/**
 * The simplest honest answer: the best passages, each with its citation marker.
 * Used until an answer composer is configured; it never claims more than the passages say.
 */
export function listPassages(passages: readonly Passage[]): string {
  if (passages.length === 0) return "";
  return passages.map((p, i) => `[${i + 1}] ${p.title}${p.published ? `（${p.published}）` : ""}：${excerpt(p.text)}`).join("\n");
}
