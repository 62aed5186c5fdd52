import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { ConfigError } from "./errors.js";

const BGE_ZH_QUERY_INSTRUCTION = "为这个句子生成表示以用于检索相关文章：";

const int = (name: string, def: number, min: number, max: number) =>
  z.coerce
    .number({ error: `${name} must be a whole number` })
    .int(`${name} must be a whole number`)
    .min(min, `${name} must be at least ${min}`)
    .max(max, `${name} must be at most ${max}`)
    .default(def);

const probability = (name: string, def: number) =>
  z.coerce
    .number({ error: `${name} must be a number between 0 and 1` })
    .min(0, `${name} must be between 0 and 1`)
    .max(1, `${name} must be between 0 and 1`)
    .default(def);

const schema = z
  .object({
    DATA_DIR: z.string().min(1).default("data"),
    INDEX_DIR: z.string().min(1).default("embeddings"),
    EMBED_MODEL: z
      .string()
      .regex(/^[\w.-]+(\/[\w.-]+)?$/, "EMBED_MODEL must look like owner/name, e.g. Xenova/bge-small-zh-v1.5")
      .default("Xenova/bge-small-zh-v1.5"),
    EMBED_MODEL_DIR: z.string().min(1).default("embeddings/models"),
    EMBED_REMOTE_HOST: z
      .string()
      .default("https://huggingface.co/")
      .refine((v) => v === "" || v === "off" || /^https?:\/\/[^\s]+$/.test(v), "EMBED_REMOTE_HOST must be an http(s) URL, or off"),
    EMBED_DTYPE: z.enum(["fp32", "q8"], { error: "EMBED_DTYPE must be fp32 or q8" }).default("fp32"),
    EMBED_MODE: z.enum(["auto", "off"], { error: "EMBED_MODE must be auto or off" }).default("auto"),
    EMBED_QUERY_INSTRUCTION: z.string().default(BGE_ZH_QUERY_INSTRUCTION),
    EMBED_BATCH_SIZE: int("EMBED_BATCH_SIZE", 16, 1, 512),
    EMBED_REMOTE_TIMEOUT_MS: int("EMBED_REMOTE_TIMEOUT_MS", 20000, 100, 600000),
    CHUNK_MIN_CHARS: int("CHUNK_MIN_CHARS", 150, 20, 2000),
    CHUNK_MAX_CHARS: int("CHUNK_MAX_CHARS", 400, 50, 4000),
    TOP_K: int("TOP_K", 5, 1, 50),
    MAX_PASSAGES_PER_ARTICLE: int("MAX_PASSAGES_PER_ARTICLE", 4, 1, 20),
    HNSW_EF: int("HNSW_EF", 100, 10, 2000),
    // Refuse when the answerability model gives the best evidence less than this probability. Chosen on the sets the
    // model is fitted with (dev, tune, test2..test5): with the retrieval features (twenty-fourth round), 0.5 gives as
    // few wrong answers there as the model before them did at 0.45 (83 against 84), with 2 more right.
    MIN_ANSWER_CONFIDENCE: probability("MIN_ANSWER_CONFIDENCE", 0.5),
    // The same for questions asked in English, whose words are read through a dictionary and match less surely: the answerability
    // model, fitted mostly on Chinese, is overconfident on them. On the English questions of every set before test15, raising the
    // threshold from 0.45 to 0.5 refused 5 wrong answers for 3 right ones (on Chinese questions, 15 wrong for 31 right); 0.5 is the
    // highest that keeps dev no worse (its English Rudong question scored 0.507; 0.528 since the retrieval features, and
    // 0.52 would refuse 2 more right answers of the 289 English team questions and no wrong one).
    MIN_ANSWER_CONFIDENCE_ENGLISH: probability("MIN_ANSWER_CONFIDENCE_ENGLISH", 0.5),
    // An answer given with less confidence than this is marked unsure: shown with a warning to check
    // it against the sources; 0 marks none (nor the answers drawn from another article than the
    // search's first, which are marked too). With the retrieval features the model is surer of more
    // answers: over the sets it is fitted with (dev, tune, test2..test5), Chinese answers below 0.7
    // are right 50 times in 76, those above 89%; the 0.6 of the model before (right 6 times in 10
    // below it on dev and tune) now leaves 304 wrong answers of the team's sets unmarked, 0.7 leaves 255.
    UNSURE_BELOW: probability("UNSURE_BELOW", 0.7),
    // The same for questions asked in English: over the English questions of every set before test21,
    // answers below 0.8 were right 48 times in 78, those above 20 in 26.
    UNSURE_BELOW_ENGLISH: probability("UNSURE_BELOW_ENGLISH", 0.8),
    MAX_FILE_MB: int("MAX_FILE_MB", 50, 1, 4096),
    // JSONL is streamed: these bound what one line and one .jsonl.gz may take, whatever the file's size.
    MAX_LINE_MB: int("MAX_LINE_MB", 5, 1, 256),
    MAX_DECOMPRESSED_MB: int("MAX_DECOMPRESSED_MB", 2048, 1, 65536),
    // Worker threads for cleaning and segmentation during ingest (0 = none). The main thread
    // reads and writes SQLite, so the default leaves it one core.
    INGEST_WORKERS: int("INGEST_WORKERS", Math.max(1, os.availableParallelism() - 1), 0, 64),
    LOG_FILE: z.string().optional(),
    LOG_LEVEL: z.enum(["error", "warn", "info", "debug"], { error: "LOG_LEVEL must be error, warn, info or debug" }).default("info"),
    LLM_BASE_URL: z
      .string()
      .optional()
      .refine((v) => v === undefined || v === "" || /^https?:\/\/[^\s]+$/.test(v), "LLM_BASE_URL must be an http(s) URL of an OpenAI-compatible API, e.g. http://127.0.0.1:11434/v1"),
    LLM_API_KEY: z.string().optional(),
    LLM_MODEL: z.string().optional(),
    LLM_TIMEOUT_MS: int("LLM_TIMEOUT_MS", 20000, 100, 600000),
    PROMPTS_DIR: z.string().min(1).default("prompts"),
    ADMIN_IDS: z
      .string()
      .default("")
      .refine((v) => v.trim() === "" || /^\s*\d+(\s*,\s*\d+)*\s*$/.test(v), "ADMIN_IDS must be numeric Telegram user ids separated by commas (not @usernames), e.g. 12345678,87654321")
      .transform((v) => (v.trim() === "" ? [] : v.split(",").map((x) => Number(x.trim())))),
    TELEGRAM_API_ROOT: z
      .string()
      .optional()
      .refine((v) => v === undefined || v === "" || /^https?:\/\/[^\s]+$/.test(v), "TELEGRAM_API_ROOT must be an http(s) URL of a Bot API server"),
    WEBHOOK_URL: z
      .string()
      .optional()
      .refine((v) => v === undefined || v === "" || /^https:\/\/[^\s]+$/.test(v), "WEBHOOK_URL must be the public https:// URL Telegram should post updates to"),
    WEBHOOK_SECRET: z
      .string()
      .optional()
      .refine((v) => v === undefined || v === "" || /^[A-Za-z0-9_-]{16,256}$/.test(v), "WEBHOOK_SECRET must be 16–256 characters of A-Z a-z 0-9 _ -"),
    WEBHOOK_PORT: int("WEBHOOK_PORT", 8080, 1, 65535),
    RATE_LIMIT_PER_MINUTE: int("RATE_LIMIT_PER_MINUTE", 20, 1, 1000),
    MAX_UPLOAD_MB: int("MAX_UPLOAD_MB", 20, 1, 2000),
    MAX_QUESTION_CHARS: int("MAX_QUESTION_CHARS", 500, 10, 10000),
    // Pages and feeds fetched by link (/add, npm run ingest -- URL) and by the feed poller.
    FETCH_TIMEOUT_MS: int("FETCH_TIMEOUT_MS", 15000, 100, 300000),
    FETCH_MAX_MB: int("FETCH_MAX_MB", 5, 1, 100),
    FETCH_MAX_REDIRECTS: int("FETCH_MAX_REDIRECTS", 3, 0, 10),
    // Private, loopback and link-local addresses are refused unless this is 1 (tests, intranets).
    FETCH_ALLOW_PRIVATE: z
      .enum(["0", "1", "true", "false"], { error: "FETCH_ALLOW_PRIVATE must be 0 or 1" })
      .default("0")
      .transform((v) => v === "1" || v === "true"),
    FETCH_USER_AGENT: z.string().min(1).default("jiangsu-news-qa/0.1 (news QA bot; honours robots.txt)"),
    // Minutes between polls of every feed (0 = only when asked: npm run feeds -- poll, /feeds add).
    FEED_INTERVAL_MINUTES: int("FEED_INTERVAL_MINUTES", 30, 0, 10080),
    // Pause between two requests to the same host, to be polite to small news sites.
    FEED_HOST_DELAY_MS: int("FEED_HOST_DELAY_MS", 2000, 0, 600000),
    FEED_MAX_ITEMS: int("FEED_MAX_ITEMS", 30, 1, 1000),
    TELEGRAM_BOT_TOKEN: z
      .string()
      .optional()
      .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()))
      .refine((v) => v === undefined || /^\d{3,}:[A-Za-z0-9_-]{30,}$/.test(v), {
        message: "TELEGRAM_BOT_TOKEN does not look like a bot token (digits:characters); copy it again from @BotFather",
      }),
  })
  .refine((c) => c.CHUNK_MIN_CHARS < c.CHUNK_MAX_CHARS, {
    message: "CHUNK_MIN_CHARS must be smaller than CHUNK_MAX_CHARS",
    path: ["CHUNK_MIN_CHARS"],
  })
  .refine((c) => !c.WEBHOOK_URL || (c.WEBHOOK_SECRET ?? "") !== "", {
    message: "WEBHOOK_SECRET is required with WEBHOOK_URL, so that only Telegram can post updates (16+ random characters)",
    path: ["WEBHOOK_SECRET"],
  })
  .refine((c) => !c.LLM_BASE_URL || (c.LLM_MODEL ?? "").trim() !== "", {
    message: "LLM_MODEL must name the model when LLM_BASE_URL is set (e.g. qwen2.5:7b-instruct)",
    path: ["LLM_MODEL"],
  });

export type RawConfig = z.infer<typeof schema>;

/** Settings, validated once; paths are absolute. */
export interface Config extends Omit<RawConfig, "TELEGRAM_BOT_TOKEN" | "LLM_BASE_URL" | "LLM_API_KEY" | "LLM_MODEL" | "LOG_FILE"> {
  /** Log lines are also appended here (absolute path), when set. */
  LOG_FILE: string | undefined;
  TELEGRAM_BOT_TOKEN: string | undefined;
  /** The LLM answerer's settings, or null when LLM_BASE_URL is not set (extractive answers). */
  llm: { baseUrl: string; apiKey: string | undefined; model: string } | null;
  /** EMBED_REMOTE_HOST, or null when remote model loading is off. */
  remoteHost: string | null;
}

/**
 * Parse settings from an environment. Invalid values stop with a message that names
 * the variable and the fix; the value of a secret is never repeated in the message.
 */
export function loadConfig(env: Record<string, string | undefined>, cwd = process.cwd()): Config {
  const relevant = Object.fromEntries(
    Object.keys(schema.shape ?? {}).map((k) => [k, env[k] === "" && k !== "EMBED_REMOTE_HOST" && k !== "TELEGRAM_BOT_TOKEN" && k !== "ADMIN_IDS" ? undefined : env[k]]),
  );
  const parsed = schema.safeParse(relevant);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? "config");
      return issue.message.startsWith(name) ? issue.message : `${name}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n  - ${problems.join("\n  - ")}\nFix the variable (environment or .env) and start again.`);
  }
  const { LLM_BASE_URL, LLM_API_KEY, LLM_MODEL, ...c } = parsed.data;
  const abs = (p: string) => path.resolve(cwd, p);
  return {
    ...c,
    DATA_DIR: abs(c.DATA_DIR),
    INDEX_DIR: abs(c.INDEX_DIR),
    EMBED_MODEL_DIR: abs(c.EMBED_MODEL_DIR),
    PROMPTS_DIR: abs(c.PROMPTS_DIR),
    LOG_FILE: c.LOG_FILE ? abs(c.LOG_FILE) : undefined,
    TELEGRAM_BOT_TOKEN: c.TELEGRAM_BOT_TOKEN,
    llm: LLM_BASE_URL ? { baseUrl: LLM_BASE_URL, apiKey: LLM_API_KEY?.trim() || undefined, model: (LLM_MODEL ?? "").trim() } : null,
    remoteHost: c.EMBED_REMOTE_HOST === "" || c.EMBED_REMOTE_HOST === "off" ? null : c.EMBED_REMOTE_HOST,
  };
}
