/** Turns texts into unit-length vectors. Created lazily from config; dispose() frees the model. */
export interface Embedder {
  readonly modelId: string;
  readonly dimension: number;
  embedDocuments(texts: readonly string[]): Promise<Float32Array[]>;
  /** Questions get the model's query instruction prefixed (bge: 为这个句子生成表示以用于检索相关文章：). */
  embedQuery(text: string): Promise<Float32Array>;
  dispose(): Promise<void>;
}

/** An embedder, or the plain reason there is none (the system then runs lexical-only). */
export type EmbedderResult = { embedder: Embedder; reason: null } | { embedder: null; reason: string };
