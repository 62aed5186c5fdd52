import { timingSafeEqual } from "node:crypto";
import type http from "node:http";
import type { Update } from "grammy/types";
import type { Logger } from "../../log.js";

/** Telegram's updates are small; anything bigger is not one. */
const MAX_BODY_BYTES = 1 << 20;

export interface WebhookHandler {
  listener: http.RequestListener;
  /** Resolves once every accepted update has been handled (shutdown, tests). */
  drain(): Promise<void>;
}

/** The chat an update belongs to (or its sender, or one shared queue), for per-chat order. */
export function updateKey(update: Update): string {
  for (const value of Object.values(update) as unknown[]) {
    if (typeof value !== "object" || value === null) continue;
    const v = value as { chat?: { id?: number }; message?: { chat?: { id?: number } }; from?: { id?: number }; user?: { id?: number } };
    const chat = v.chat?.id ?? v.message?.chat?.id;
    if (chat !== undefined) return `chat:${chat}`;
    const user = v.from?.id ?? v.user?.id;
    if (user !== undefined) return `user:${user}`;
  }
  return "other";
}

function sameSecret(given: string | string[] | undefined, secret: string): boolean {
  if (typeof given !== "string") return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The webhook endpoint: checks Telegram's secret header, acknowledges the update at once and
 * handles it afterwards, in order within its chat and in parallel across chats. A slow answer
 * or a re-index can then never hit a request timeout, and Telegram never redelivers it.
 * A failing update is logged; nothing it does can reject unhandled.
 */
export function createWebhookHandler(handle: (update: Update) => Promise<void>, options: { secret: string; log: Logger }): WebhookHandler {
  const queues = new Map<string, Promise<void>>();
  const enqueue = (update: Update) => {
    const key = updateKey(update);
    const run = (queues.get(key) ?? Promise.resolve())
      .then(() => handle(update))
      .catch((error: unknown) => options.log.error(`update ${update.update_id}: ${error instanceof Error ? error.message : String(error)}`));
    queues.set(key, run);
    void run.then(() => {
      if (queues.get(key) === run) queues.delete(key);
    });
  };
  const listener: http.RequestListener = (req, res) => {
    if (req.method !== "POST") return void res.writeHead(405).end();
    if (!sameSecret(req.headers["x-telegram-bot-api-secret-token"], options.secret)) return void res.writeHead(401).end("secret token is wrong");
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        res.writeHead(413).end();
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on("error", () => undefined);
    req.on("end", () => {
      if (size > MAX_BODY_BYTES) return;
      let update: Update;
      try {
        update = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Update;
        if (typeof update !== "object" || update === null || typeof update.update_id !== "number") throw new Error("no update_id");
      } catch {
        return void res.writeHead(400).end("not a Telegram update");
      }
      res.writeHead(200).end();
      enqueue(update);
    });
  };
  return {
    listener,
    async drain() {
      while (queues.size > 0) await Promise.all([...queues.values()]);
    },
  };
}
