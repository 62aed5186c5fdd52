import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { ConfigError } from "../src/errors.js";

const TOKEN = "123456789:AAHfakeTokenForTestsOnly_abcdefghijklmn";

describe("loadConfig", () => {
  it("has working defaults, resolved against the project folder", () => {
    const c = loadConfig({}, "/srv/app");
    expect(c).toMatchObject({
      DATA_DIR: "/srv/app/data",
      INDEX_DIR: "/srv/app/embeddings",
      EMBED_MODEL: "Xenova/bge-small-zh-v1.5",
      EMBED_MODEL_DIR: "/srv/app/embeddings/models",
      remoteHost: "https://huggingface.co/",
      TOP_K: 5,
      MIN_ANSWER_CONFIDENCE: 0.5,
      MIN_ANSWER_CONFIDENCE_ENGLISH: 0.5,
      CHUNK_MIN_CHARS: 150,
      CHUNK_MAX_CHARS: 400,
      TELEGRAM_BOT_TOKEN: undefined,
    });
  });

  it.each([
    [{ TOP_K: "many" }, "TOP_K must be a whole number"],
    [{ TOP_K: "0" }, "TOP_K must be at least 1"],
    [{ EMBED_DTYPE: "int4" }, "EMBED_DTYPE must be fp32 or q8"],
    [{ EMBED_REMOTE_HOST: "hf-mirror" }, "EMBED_REMOTE_HOST must be an http(s) URL, or off"],
    [{ CHUNK_MIN_CHARS: "500", CHUNK_MAX_CHARS: "400" }, "CHUNK_MIN_CHARS must be smaller than CHUNK_MAX_CHARS"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL must be error, warn, info or debug"],
    [{ MIN_ANSWER_CONFIDENCE_ENGLISH: "1.5" }, "MIN_ANSWER_CONFIDENCE_ENGLISH must be between 0 and 1"],
  ])("stops on %j naming the variable", (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it("accepts a mirror or off for the remote host", () => {
    expect(loadConfig({ EMBED_REMOTE_HOST: "https://hf-mirror.com" }).remoteHost).toBe("https://hf-mirror.com");
    expect(loadConfig({ EMBED_REMOTE_HOST: "off" }).remoteHost).toBeNull();
  });

  it("validates the bot token's form without ever repeating it", () => {
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN }).TELEGRAM_BOT_TOKEN).toBe(TOKEN);
    const bad = "123:short-secret-value";
    let message = "";
    try {
      loadConfig({ TELEGRAM_BOT_TOKEN: bad });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain("TELEGRAM_BOT_TOKEN does not look like a bot token");
    expect(message).not.toContain("short-secret-value");
  });
});
