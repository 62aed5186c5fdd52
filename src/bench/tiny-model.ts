import fs from "node:fs";
import path from "node:path";

export const TINY_MODEL_ID = "test/tiny-bge";

/**
 * Lay out the tiny test model the way transformers.js expects a local model: the real
 * bge-small-zh tokenizer (../shared/tokenizers) with the small ONNX model committed in
 * test/fixtures/tiny-embedder. Returns the models root to use as EMBED_MODEL_DIR.
 */
export function assembleTinyModel(root: string, sources: { tokenizerDir: string; fixtureDir: string }): string {
  const dir = path.join(root, TINY_MODEL_ID);
  fs.mkdirSync(path.join(dir, "onnx"), { recursive: true });
  for (const f of ["tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "vocab.txt"]) {
    fs.copyFileSync(path.join(sources.tokenizerDir, f), path.join(dir, f));
  }
  fs.copyFileSync(path.join(sources.fixtureDir, "config.json"), path.join(dir, "config.json"));
  fs.copyFileSync(path.join(sources.fixtureDir, "onnx", "model.onnx"), path.join(dir, "onnx", "model.onnx"));
  return root;
}
