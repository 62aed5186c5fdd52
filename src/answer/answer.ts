import type { Passage, RetrievalMode } from "../types.js";

export interface Citation {
  n: number;
  articleId: string;
  title: string;
  published: string | null;
  source: string | null;
  /** The page's link, for articles fetched from the web. */
  url?: string | null;
  passage: string;
  score: number;
}

/** The answer contract shared by the CLI (`ask --json`), the console chat and the bot. */
export interface AskResult {
  question: string;
  answered: boolean;
  answer: string;
  /** The direct answer (the answer's first line) when one was found with confidence; null otherwise. */
  direct: string | null;
  /** The answer model's probability that the evidence answers the question (null when it gives none). */
  confidence: number | null;
  /**
   * An answer whose confidence is below the unsure threshold (UNSURE_BELOW, UNSURE_BELOW_ENGLISH), drawn
   * first from another article than the search's first, or leaving a part of the question without a value:
   * shown with a warning to check it against the sources, as such answers are right far less often.
   */
  unsure: boolean;
  citations: Citation[];
  /** On a refusal: the closest passages, for the user to judge; empty otherwise. */
  related: Citation[];
  retrieval: { mode: RetrievalMode; ms: number };
  /** On a refusal, the answer model's reason (names, kind, attribute, confidence, coverage …), for evaluation and logs. */
  refusal?: string;
  /** Milliseconds the answer model took to compose (retrieval excluded), when it ran. */
  composeMs?: number;
  /** Said with the answer: the question it was read as, or why another answer model stood in. */
  note: string | null;
}

export function toCitations(passages: readonly Passage[]): Citation[] {
  return passages.map((p, i) => ({
    n: i + 1,
    articleId: p.articleId,
    title: p.title,
    published: p.published,
    source: p.source,
    ...(p.url ? { url: p.url } : {}),
    passage: p.text,
    score: Number(p.score.toFixed(6)),
  }));
}
