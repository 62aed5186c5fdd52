import type { RetrievalPath } from "../types.js";

/** The usual RRF constant: ranks matter, raw scores of different retrievers are not compared. */
export const RRF_K = 60;

export interface Fused {
  chunkId: number;
  score: number;
  paths: RetrievalPath[];
}

/** Reciprocal-rank fusion of ranked lists of chunk ids, best first. */
export function reciprocalRankFusion(lists: ReadonlyArray<{ path: RetrievalPath; ids: readonly number[]; weight?: number }>): Fused[] {
  const fused = new Map<number, Fused>();
  for (const { path, ids, weight = 1 } of lists) {
    ids.forEach((id, rank) => {
      const entry = fused.get(id) ?? { chunkId: id, score: 0, paths: [] };
      entry.score += weight / (RRF_K + rank + 1);
      if (!entry.paths.includes(path)) entry.paths.push(path);
      fused.set(id, entry);
    });
  }
  return [...fused.values()].sort((a, b) => b.score - a.score || a.chunkId - b.chunkId);
}

export interface FusedArticle {
  articleId: string;
  score: number;
  paths: RetrievalPath[];
}

export interface ScoredList {
  path: RetrievalPath;
  /** Higher is better; scores of different paths are never compared, only their place between the list's best and worst. */
  hits: ReadonlyArray<{ id: string; score: number }>;
  weight: number;
}

/**
 * Fusion of article lists by their scores (CombSUM of min-max normalized scores), not their
 * ranks: an article far ahead on one path stays ahead of one that several paths rank a
 * little lower. With ranks alone, a passage path that is confidently wrong about a rare
 * word outvotes an article that holds every other word of the question.
 */
export function fuseArticles(lists: readonly ScoredList[]): FusedArticle[] {
  const fused = new Map<string, FusedArticle>();
  for (const { path, hits, weight } of lists) {
    if (hits.length === 0) continue;
    const scores = hits.map((h) => h.score);
    const max = Math.max(...scores);
    const min = Math.min(...scores);
    for (const h of hits) {
      const entry = fused.get(h.id) ?? { articleId: h.id, score: 0, paths: [] };
      entry.score += weight * (max > min ? (h.score - min) / (max - min) : 1);
      if (!entry.paths.includes(path)) entry.paths.push(path);
      fused.set(h.id, entry);
    }
  }
  return [...fused.values()].sort((a, b) => b.score - a.score || (a.articleId < b.articleId ? -1 : a.articleId > b.articleId ? 1 : 0));
}

/** An article's score on a passage path: its best passage's. */
export function bestPerArticle(hits: ReadonlyArray<{ articleId: string | undefined; score: number }>): { id: string; score: number }[] {
  const best = new Map<string, number>();
  for (const h of hits) if (h.articleId !== undefined && h.score > (best.get(h.articleId) ?? -Infinity)) best.set(h.articleId, h.score);
  return [...best].map(([id, score]) => ({ id, score }));
}
