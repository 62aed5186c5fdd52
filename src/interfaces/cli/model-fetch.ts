import { embedderOptions } from "../../app.js";
import { fetchModel } from "../../embed/transformers-embedder.js";
import { runCli } from "./run.js";

await runCli("usage: npm run model:fetch   (downloads EMBED_MODEL from EMBED_REMOTE_HOST into EMBED_MODEL_DIR)", async ({ config, log }) => {
  log.info(`Downloading ${config.EMBED_MODEL} (${config.EMBED_DTYPE}) from ${config.remoteHost ?? "(EMBED_REMOTE_HOST is off)"} into ${config.EMBED_MODEL_DIR} …`);
  const dir = await fetchModel(embedderOptions(config));
  process.stdout.write(`Model ready in ${dir}. Run "npm run reindex" to add vectors to the index.\n`);
  return 0;
});
