import fs from "node:fs";
import path from "node:path";
import { env, pipeline, type FeatureExtractionPipeline } from "@huggingface/transformers";
import { ModelNotFoundError } from "../errors.js";
import type { Embedder, EmbedderResult } from "./embedder.js";

export interface EmbedderOptions {
  /** Model id, e.g. Xenova/bge-small-zh-v1.5; files live in `${modelDir}/${model}/`. */
  model: string;
  modelDir: string;
  /** Where to download from when the model is not in modelDir (a Hugging Face mirror), or null. */
  remoteHost: string | null;
  dtype: "fp32" | "q8";
  queryInstruction: string;
  batchSize: number;
  remoteTimeoutMs: number;
  /** Batch texts of similar length together (default); off only to measure what it saves. */
  sortByLength?: boolean | undefined;
}

const REQUIRED = ["config.json", "tokenizer.json", "tokenizer_config.json"];

function onnxFile(dtype: EmbedderOptions["dtype"]): string {
  return dtype === "q8" ? "onnx/model_quantized.onnx" : "onnx/model.onnx";
}

/** The files a local model directory lacks (empty when it is complete). */
export function missingModelFiles(opts: Pick<EmbedderOptions, "model" | "modelDir" | "dtype">): string[] {
  const dir = path.join(opts.modelDir, opts.model);
  return [...REQUIRED, onnxFile(opts.dtype)].filter((f) => !fs.existsSync(path.join(dir, f)));
}

/** Point transformers.js at our model folder; downloads are cached into the same folder. */
function configureEnvironment(opts: EmbedderOptions, allowRemote: boolean): void {
  env.localModelPath = opts.modelDir;
  env.cacheDir = opts.modelDir;
  env.allowLocalModels = true;
  env.useFSCache = true;
  env.allowRemoteModels = allowRemote && opts.remoteHost !== null;
  if (opts.remoteHost) env.remoteHost = opts.remoteHost.endsWith("/") ? opts.remoteHost : `${opts.remoteHost}/`;
  env.fetch = (input: string | URL, init?: RequestInit) =>
    fetch(input, { ...init, signal: AbortSignal.timeout(opts.remoteTimeoutMs) });
}

async function createPipeline(opts: EmbedderOptions, allowRemote: boolean): Promise<FeatureExtractionPipeline> {
  configureEnvironment(opts, allowRemote);
  return (await pipeline("feature-extraction", opts.model, { dtype: opts.dtype })) as FeatureExtractionPipeline;
}

function wrap(pipe: FeatureExtractionPipeline, opts: EmbedderOptions, dimension: number): Embedder {
  const run = async (texts: readonly string[]): Promise<Float32Array[]> => {
    const out = new Array<Float32Array>(texts.length);
    // A batch is padded to its longest text: texts of similar length batched together waste
    // no attention on padding (the benchmark measures how much this saves).
    const order = texts.map((_t, i) => i);
    if (opts.sortByLength !== false) order.sort((a, b) => texts[a]!.length - texts[b]!.length);
    for (let i = 0; i < order.length; i += opts.batchSize) {
      const ids = order.slice(i, i + opts.batchSize);
      const tensor = await pipe(ids.map((j) => texts[j]!), { pooling: "cls", normalize: true });
      const data = tensor.data as Float32Array;
      ids.forEach((j, r) => void (out[j] = data.slice(r * dimension, (r + 1) * dimension)));
    }
    return out;
  };
  return {
    modelId: opts.model,
    dimension,
    embedDocuments: run,
    async embedQuery(text) {
      const [v] = await run([opts.queryInstruction + text]);
      if (!v) throw new Error("the embedding model returned no vector");
      return v;
    },
    dispose: () => pipe.dispose(),
  };
}

/**
 * Load the embedding model: the local folder first, then the remote host when one is set.
 * Never throws for a missing model: the result says why there is none, so the caller can
 * tell the user once and run lexical-only.
 */
export async function loadTransformersEmbedder(opts: EmbedderOptions): Promise<EmbedderResult> {
  const missing = missingModelFiles(opts);
  const localDir = path.join(opts.modelDir, opts.model);
  if (missing.length > 0 && opts.remoteHost === null) {
    return { embedder: null, reason: new ModelNotFoundError(notFoundMessage(localDir, missing, null)).message };
  }
  try {
    const pipe = await createPipeline(opts, missing.length > 0);
    const probe = await pipe(["探测"], { pooling: "cls", normalize: true });
    const dimension = probe.dims.at(-1) ?? 0;
    return { embedder: wrap(pipe, opts, dimension), reason: null };
  } catch (error) {
    const detail = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return { embedder: null, reason: `${notFoundMessage(localDir, missing, opts.remoteHost)} (${detail})` };
  }
}

function notFoundMessage(localDir: string, missing: string[], remoteHost: string | null): string {
  const where = missing.length > 0 ? `no embedding model at ${localDir} (missing ${missing.join(", ")})` : `the embedding model at ${localDir} could not be loaded`;
  const remote = remoteHost ? ` and it could not be downloaded from ${remoteHost}` : "";
  return `${where}${remote}; run "npm run model:fetch" (set EMBED_REMOTE_HOST to a mirror if needed) or set EMBED_MODEL_DIR`;
}

/** Download the model files into modelDir (model:fetch). Throws ModelNotFoundError with the reason. */
export async function fetchModel(opts: EmbedderOptions): Promise<string> {
  if (opts.remoteHost === null) throw new ModelNotFoundError("EMBED_REMOTE_HOST is off; set it to https://huggingface.co/ or a mirror to download the model");
  const result = await loadTransformersEmbedder(opts);
  if (!result.embedder) throw new ModelNotFoundError(result.reason);
  await result.embedder.dispose();
  const missing = missingModelFiles(opts);
  if (missing.length > 0) throw new ModelNotFoundError(`download incomplete: ${missing.join(", ")} missing in ${path.join(opts.modelDir, opts.model)}`);
  return path.join(opts.modelDir, opts.model);
}
