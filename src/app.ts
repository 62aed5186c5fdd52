import type { AskResult } from "./answer/answer.js";
import { createConversations } from "./answer/conversation.js";
import { storeWeights } from "./answer/candidates.js";
import { createEnglishReader, nameTests, type CorpusCounts, type EnglishReader } from "./answer/english.js";
import { createExtractiveAnswerer, DEFAULT_EXTRACTIVE_OPTIONS } from "./answer/extractive.js";
import { createLlmAnswerer } from "./answer/llm.js";
import type { AnswerModel } from "./answer/model.js";
import { loadPrompt } from "./answer/prompts.js";
import { createResponder } from "./answer/respond.js";
import type { Config } from "./config.js";
import type { Embedder } from "./embed/embedder.js";
import { loadTransformersEmbedder, type EmbedderOptions } from "./embed/transformers-embedder.js";
import { openGeneration, type Generation } from "./indexing/generation.js";
import type { IngestProgress } from "./indexing/ingest.js";
import { reindexFromData } from "./indexing/reindex.js";
import { createTerms, type Terms } from "./text/terms.js";
import type { Logger } from "./log.js";
import { createRetriever, type Retriever } from "./retrieve/retriever.js";
import { openIndexDir } from "./store/index-dir.js";

export interface App {
  config: Config;
  terms: Terms;
  embedder: Embedder | null;
  /** The generation being served now (changes on reload). */
  readonly generation: Generation;
  readonly retriever: Retriever;
  readonly model: AnswerModel;
  /** Reads English questions (dictionary + the corpus's names), built on first use. */
  english(): Promise<EnglishReader>;
  /** Answer a question; with a chat id, follow-ups refer to that chat's recent turns. */
  ask(question: string, chatId?: string): Promise<AskResult>;
  /** Switch to the live generation (after a re-index or ingest); questions in flight finish on the old one. */
  reload(): void;
  close(): Promise<void>;
}

/** Word and bigram document frequencies of a store, for reading English questions. */
export function corpusCounts(store: Generation["store"], terms: Terms): CorpusCounts {
  return {
    words: (t) => store.documentFrequencies("words", t).df,
    grams: (t) => store.documentFrequencies("articles", t).df,
    ...nameTests(terms),
    phrase: (word) => {
      const chars = [...word];
      return store.phraseDocs(chars.slice(0, -1).map((c, i) => c + chars[i + 1]!));
    },
  };
}

/** The configured answer model: the LLM (with the extractive answer as fallback) when LLM_BASE_URL is set. */
export function createAnswerModel(config: Config, extractive: AnswerModel): AnswerModel {
  if (!config.llm) return extractive;
  return createLlmAnswerer({
    ...config.llm,
    timeoutMs: config.LLM_TIMEOUT_MS,
    prompts: { system: loadPrompt(config.PROMPTS_DIR, "answer.system.md"), user: loadPrompt(config.PROMPTS_DIR, "answer.user.md") },
    fallback: extractive,
  });
}

/** The embedder settings of a config. */
export function embedderOptions(config: Config): EmbedderOptions {
  return {
    model: config.EMBED_MODEL,
    modelDir: config.EMBED_MODEL_DIR,
    remoteHost: config.remoteHost,
    dtype: config.EMBED_DTYPE,
    queryInstruction: config.EMBED_QUERY_INSTRUCTION,
    batchSize: config.EMBED_BATCH_SIZE,
    remoteTimeoutMs: config.EMBED_REMOTE_TIMEOUT_MS,
  };
}

/** Load the embedding model named in config, or say once why there is none and go lexical-only. */
export async function loadEmbedder(config: Config, log: Logger): Promise<Embedder | null> {
  if (config.EMBED_MODE === "off") {
    log.info("EMBED_MODE=off: keyword search only (no embedding model loaded)");
    return null;
  }
  const result = await loadTransformersEmbedder(embedderOptions(config));
  if (!result.embedder) log.warn(`${result.reason}.\nRunning lexical-only: keyword search (words + character n-grams), no vectors.`);
  return result.embedder;
}

/**
 * Open the live index for answering questions. On first run (no index yet) it is
 * built from DATA_DIR, reporting progress.
 */
export async function openApp(
  config: Config,
  log: Logger,
  options: { embedder?: Embedder | null; model?: AnswerModel; onBuildProgress?: (p: IngestProgress) => void } = {},
): Promise<App> {
  const terms = createTerms();
  const embedder = options.embedder !== undefined ? options.embedder : await loadEmbedder(config, log);
  const dir = openIndexDir(config.INDEX_DIR);
  if (dir.current() === null) {
    log.info(`No index yet: building it from ${config.DATA_DIR} …`);
    const report = await reindexFromData({ config, terms, embedder, onProgress: options.onBuildProgress });
    log.info(`Indexed ${report.added} articles (${report.chunks} passages) in ${report.seconds.toFixed(1)} s${report.rejectedCount ? `; ${report.rejectedCount} inputs refused` : ""}.`);
    for (const r of report.rejected.slice(0, 20)) log.warn(`refused ${r.origin}: ${r.reason}`);
    if (report.rejectedCount > 20) log.warn(`… and ${report.rejectedCount - 20} more refused`);
  }
  const conversations = createConversations({ maxTurns: 6, ttlMs: 30 * 60_000, maxChats: 10_000 });
  const serve = (name: string) => {
    const generation = openGeneration(dir.generationPath(name), name, { embedder, ef: config.HNSW_EF });
    const retriever = createRetriever(
      { store: generation.store, terms, embedder, vectors: generation.vectors },
      { k: config.TOP_K, maxPerArticle: config.MAX_PASSAGES_PER_ARTICLE },
    );
    const model = options.model ?? createAnswerModel(config, createExtractiveAnswerer(terms, storeWeights(generation.store), undefined, { ...DEFAULT_EXTRACTIVE_OPTIONS, minAnswerable: config.MIN_ANSWER_CONFIDENCE, minAnswerableEnglish: config.MIN_ANSWER_CONFIDENCE_ENGLISH }));
    let reader: Promise<EnglishReader> | null = null;
    const english = () => (reader ??= createEnglishReader(corpusCounts(generation.store, terms)));
    const responder = createResponder({ retriever, model, conversations, english }, { k: config.TOP_K, maxPerArticle: config.MAX_PASSAGES_PER_ARTICLE, unsureBelow: config.UNSURE_BELOW, unsureBelowEnglish: config.UNSURE_BELOW_ENGLISH });
    return { generation, retriever, model, responder, english };
  };
  const first = dir.current();
  if (first === null) throw new Error("index build finished without a live generation");
  let current = serve(first);
  let stamp = dir.stamp();
  const retired: Generation[] = [];
  const reload = () => {
    const name = dir.current();
    if (name === null) return;
    stamp = dir.stamp();
    const previous = current;
    current = serve(name);
    // Close the old database once questions already running on it are done.
    retired.push(previous.generation);
    setTimeout(() => {
      const i = retired.indexOf(previous.generation);
      if (i >= 0) retired.splice(i, 1);
      previous.generation.close();
    }, 30_000).unref();
  };
  return {
    config,
    terms,
    embedder,
    get generation() {
      return current.generation;
    },
    get retriever() {
      return current.retriever;
    },
    get model() {
      return current.model;
    },
    english: () => current.english(),
    ask(question, chatId) {
      // Another process (npm run reindex / ingest) may have switched or updated the index:
      // serve the new state from the next question on. One stat() per question.
      if (dir.stamp() !== stamp) reload();
      return current.responder.ask(question, chatId);
    },
    reload,
    async close() {
      current.generation.close();
      for (const g of retired.splice(0)) g.close();
      await embedder?.dispose();
    },
  };
}
