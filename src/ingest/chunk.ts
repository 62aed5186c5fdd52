import type { Article, Chunk } from "../types.js";
import { splitLongSpan, splitSentences, type Span } from "../text/sentences.js";

export interface ChunkOptions {
  /** A chunk grows sentence by sentence until it would pass this many characters. */
  maxChars: number;
  /** Chunks shorter than this take the next sentence even across a paragraph. */
  minChars: number;
}

export const DEFAULT_CHUNK_OPTIONS: ChunkOptions = { maxChars: 400, minChars: 150 };

/**
 * Split an article into passages of whole sentences, about minChars–maxChars long,
 * each starting with the last sentence of the one before (one-sentence overlap).
 * A chunk that has reached minChars ends at a paragraph break.
 * Only a sentence longer than maxChars is cut, at a clause break where possible.
 */
export function chunkArticle(article: Article, options: ChunkOptions = DEFAULT_CHUNK_OPTIONS): Chunk[] {
  const { text } = article;
  const sentences: Span[] = splitSentences(text).flatMap((s) => splitLongSpan(text, s, options.maxChars));
  const chunks: Chunk[] = [];
  let first = 0;
  while (first < sentences.length) {
    let last = first;
    const startOf = sentences[first]?.start ?? 0;
    while (last + 1 < sentences.length && (sentences[last + 1]?.end ?? 0) - startOf <= options.maxChars) {
      // Once long enough, a chunk ends with its paragraph rather than spilling into the next one.
      const next = sentences[last + 1];
      const atParagraph = next !== undefined && text.slice(sentences[last]?.end ?? 0, next.start).includes("\n");
      if (atParagraph && (sentences[last]?.end ?? 0) - startOf >= options.minChars) break;
      last++;
    }
    const start = startOf;
    const end = sentences[last]?.end ?? start;
    chunks.push({ articleId: article.id, ordinal: chunks.length, start, end, text: text.slice(start, end) });
    if (last + 1 >= sentences.length) break;
    // Overlap by one sentence, unless the chunk is that one sentence or the overlap would crowd out the next.
    const overlap = last > first && (sentences[last + 1]?.end ?? 0) - (sentences[last]?.start ?? 0) <= options.maxChars;
    first = overlap ? last : last + 1;
  }
  return mergeShortTail(chunks, text, options);
}

/** A last chunk shorter than minChars is folded into the one before when the result still fits. */
function mergeShortTail(chunks: Chunk[], text: string, options: ChunkOptions): Chunk[] {
  const tail = chunks.at(-1);
  const before = chunks.at(-2);
  if (!tail || !before || tail.end - tail.start >= options.minChars) return chunks;
  if (tail.end - before.start > options.maxChars) return chunks;
  const merged: Chunk = { ...before, end: tail.end, text: text.slice(before.start, tail.end) };
  return [...chunks.slice(0, -2), merged];
}
