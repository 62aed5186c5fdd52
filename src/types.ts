/** Shared shapes that flow one way: file → RawDocument → Article → Chunk → store → retrieval. */

/** A document as loaded from a file or JSON record, before cleaning. */
export interface RawDocument {
  /** Stable article id: the record's `id`, or derived from the file name. */
  id: string;
  /** Where it came from, for messages: `data/x.txt` or `data/a.jsonl:12`. */
  origin: string;
  text: string;
  format: "text" | "html" | "markdown" | "json";
  title: string | null;
  publishedRaw: string | null;
  source: string | null;
  url: string | null;
}

/** A cleaned article. `text` keeps the original script; paragraphs are separated by "\n". */
export interface Article {
  id: string;
  title: string;
  /** ISO date (YYYY-MM-DD), or null when the page gives no full date. */
  published: string | null;
  publishedRaw: string | null;
  source: string | null;
  reporter: string | null;
  url: string | null;
  text: string;
}

/** A passage of an article, with offsets into `Article.text`. */
export interface Chunk {
  articleId: string;
  ordinal: number;
  start: number;
  end: number;
  /** The passage shown to users: `Article.text.slice(start, end)`. */
  text: string;
}

export type RetrievalPath = "words" | "grams" | "vector";
export type RetrievalMode = "hybrid" | "lexical" | "dense";

/** One retrieved passage with its article metadata. */
export interface Passage {
  chunkId: number;
  articleId: string;
  ordinal: number;
  title: string;
  published: string | null;
  source: string | null;
  /** The page's link, for articles fetched from the web. */
  url?: string | null;
  text: string;
  score: number;
  paths: RetrievalPath[];
}
