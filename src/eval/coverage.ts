import type { GoldQuestion } from "./gold.js";

export interface MissingArticles {
  /** Distinct `doc` ids the index does not hold, in gold order. */
  ids: string[];
  /** Questions that name one of them. */
  questions: number;
}

/**
 * The gold set's `doc` articles the index lacks. Questions about them can only miss, so a
 * report over an index without them measures the index, not the answerer.
 */
export function missingGoldArticles(gold: readonly GoldQuestion[], has: (articleId: string) => boolean): MissingArticles {
  const ids: string[] = [];
  let questions = 0;
  for (const q of gold) {
    if (q.doc === undefined || has(q.doc)) continue;
    questions++;
    if (!ids.includes(q.doc)) ids.push(q.doc);
  }
  return { ids, questions };
}

/** One warning line: what is missing, what it does to the figures, and how to add it. */
export function describeMissing(missing: MissingArticles, named: number, goldFile: string): string {
  const examples = missing.ids.slice(0, 3).join(", ") + (missing.ids.length > 3 ? ", …" : "");
  return (
    `the index lacks ${missing.ids.length} of the ${named} articles the gold set names (${examples}), so ${missing.questions} question(s) can only miss. ` +
    `Index the files that hold them with --corpus (repeatable; name data too): npm run eval -- --corpus data --corpus <file-or-folder> ${goldFile}`
  );
}
