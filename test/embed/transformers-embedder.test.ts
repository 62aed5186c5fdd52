import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Embedder } from "../../src/embed/embedder.js";
import { fetchModel, loadTransformersEmbedder, missingModelFiles, type EmbedderOptions } from "../../src/embed/transformers-embedder.js";
import { TINY_MODEL_ID, tempDir, tinyModelDir } from "../helpers.js";

// transformers.js memoizes file look-ups per model id within a process, so each remote test uses its own id.
const base = (modelDir: string, remoteHost: string | null = null, model = TINY_MODEL_ID): EmbedderOptions => ({
  model,
  modelDir,
  remoteHost,
  dtype: "fp32",
  queryInstruction: "为这个句子生成表示以用于检索相关文章：",
  batchSize: 2,
  remoteTimeoutMs: 5000,
});

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * (b[i] ?? 0), 0);

describe("transformers.js embedder with the real bge-small-zh tokenizer and the tiny ONNX model", () => {
  let embedder: Embedder;
  beforeAll(async () => {
    const result = await loadTransformersEmbedder(base(tinyModelDir()));
    if (!result.embedder) throw new Error(result.reason);
    embedder = result.embedder;
  });
  afterAll(() => embedder?.dispose());

  it("embeds in batches into unit vectors of the model's size", async () => {
    const texts = ["史志军在金湖县调研", "金湖县仪器仪表产业", "如东经济开发区", "hello"];
    const vectors = await embedder.embedDocuments(texts);
    expect(embedder.dimension).toBe(32);
    expect(vectors).toHaveLength(4);
    for (const v of vectors) {
      expect(v).toHaveLength(32);
      expect(dot(v, v)).toBeCloseTo(1, 5);
    }
    // Batching does not change results.
    // Batching (padding) changes nothing but float rounding.
    const [alone] = await embedder.embedDocuments([texts[2]!]);
    Array.from(alone!).forEach((x, i) => expect(x).toBeCloseTo(vectors[2]![i]!, 5));
  });

  it("puts related texts closer than unrelated ones, and prefixes the query instruction", async () => {
    const [a, b, c] = await embedder.embedDocuments(["史志军在金湖调研企业", "史志军在金湖县调研企业生产", "Valve 发布 Steam 价格更新"]);
    expect(dot(a!, b!)).toBeGreaterThan(dot(a!, c!));
    const query = await embedder.embedQuery("史志军在金湖调研企业");
    const [withInstruction] = await embedder.embedDocuments(["为这个句子生成表示以用于检索相关文章：史志军在金湖调研企业"]);
    expect(Array.from(query)).toEqual(Array.from(withInstruction!));
  });
});

describe("when there is no model", () => {
  it("says where it looked and how to fix it, without throwing", async () => {
    const dir = tempDir();
    const result = await loadTransformersEmbedder(base(dir));
    expect(result.embedder).toBeNull();
    expect(result.reason).toBe(
      `no embedding model at ${path.join(dir, TINY_MODEL_ID)} (missing config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx); run "npm run model:fetch" (set EMBED_REMOTE_HOST to a mirror if needed) or set EMBED_MODEL_DIR`,
    );
  });

  it("reports an unreachable remote host plainly", async () => {
    const server = http.createServer((_req, res) => res.writeHead(404).end());
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const host = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      const result = await loadTransformersEmbedder(base(tempDir(), host, "test/absent-model"));
      expect(result.embedder).toBeNull();
      expect(result.reason).toMatch(new RegExp(`could not be downloaded from ${host.replace(/[/.]/g, "\\$&")}`));
    } finally {
      server.close();
    }
  });
});

describe("model:fetch from a mirror", () => {
  it("downloads the model files into EMBED_MODEL_DIR in the layout the local lookup uses", async () => {
    const source = path.join(tinyModelDir(), TINY_MODEL_ID);
    const requests: string[] = [];
    // A mirror with Hugging Face's URL layout: /{model}/resolve/{revision}/{file}
    const server = http.createServer((req, res) => {
      requests.push(req.url ?? "");
      const m = /^\/test\/mirrored\/resolve\/main\/(.+)$/.exec(req.url ?? "");
      const file = m?.[1] ? path.join(source, decodeURIComponent(m[1])) : "";
      if (!file || !fs.existsSync(file)) return void res.writeHead(404).end("not found");
      res.writeHead(200, { "content-length": fs.statSync(file).size });
      fs.createReadStream(file).pipe(res);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const target = tempDir();
    const mirrored = (remote: string | null) => base(target, remote, "test/mirrored");
    try {
      expect(missingModelFiles(mirrored(null))).toHaveLength(4);
      const dir = await fetchModel(mirrored(host));
      expect(dir).toBe(path.join(target, "test/mirrored"));
      expect(missingModelFiles(mirrored(null))).toEqual([]);
      expect(requests).toContain("/test/mirrored/resolve/main/onnx/model.onnx");
      // Now it loads locally, with the remote host off.
      const local = await loadTransformersEmbedder(mirrored(null));
      expect(local.embedder?.dimension).toBe(32);
      await local.embedder?.dispose();
    } finally {
      server.close();
    }
  });

  it("refuses to fetch when the remote host is off", async () => {
    await expect(fetchModel(base(tempDir()))).rejects.toThrow("EMBED_REMOTE_HOST is off");
  });
});
