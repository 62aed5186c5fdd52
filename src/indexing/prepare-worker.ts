import { parentPort, workerData } from "node:worker_threads";
import type { ChunkOptions } from "../ingest/chunk.js";
import { createTerms } from "../text/terms.js";
import type { RawDocument } from "../types.js";
import { prepareDocument, zeroStages } from "./prepare.js";

/** A worker thread of the prepare pool: loads jieba once, then prepares the batches it is sent. */
const { chunk } = workerData as { chunk: ChunkOptions };
const terms = createTerms();
parentPort?.on("message", (message: { id: number; docs: RawDocument[] }) => {
  const times = zeroStages();
  const results = message.docs.map((doc) => prepareDocument(doc, chunk, terms, times));
  parentPort?.postMessage({ id: message.id, results, times });
});
