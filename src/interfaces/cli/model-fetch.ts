import { fetchModel } from "../../embed/transformers-embedder.js";
import { runCli } from "./run.js";

await runCli(async ({ config, log }) => {
  log.info(`Downloading ${config.EMBED_MODEL} (${config.EMBED_DTYPE}) from ${config.remoteHost ?? "(EMBED_REMOTE_HOST is off)"} into ${config.EMBED_MODEL_DIR} …`);
  const dir = await fetchModel({
    model: config.EMBED_MODEL,
    modelDir: config.EMBED_MODEL_DIR,
    remoteHost: config.remoteHost,
    dtype: config.EMBED_DTYPE,
    queryInstruction: config.EMBED_QUERY_INSTRUCTION,
    batchSize: config.EMBED_BATCH_SIZE,
    remoteTimeoutMs: config.EMBED_REMOTE_TIMEOUT_MS,
  });
  process.stdout.write(`Model ready in ${dir}. Run "npm run reindex" to add vectors to the index.\n`);
  return 0;
});
