import http from "node:http";
import { autoRetry } from "@grammyjs/auto-retry";
import { run, sequentialize } from "@grammyjs/runner";
import { webhookCallback } from "grammy";
import type { App } from "../../app.js";
import type { Config } from "../../config.js";
import type { Logger } from "../../log.js";
import { createBot } from "./bot.js";
import { createBotDeps } from "./deps.js";
import { explainStartError } from "./start-errors.js";
import { openDesk } from "./desk.js";
import { startPolling } from "../../sources/schedule.js";

export const EXAMPLES = ["史志军在金湖调研了哪些企业？", "如东经济开发区有哪两大特色产业？", "2024年攻坚拉练分几组，去了多少个县区园区？"];

/**
 * Run the bot until SIGINT/SIGTERM: long polling (updates of one chat in order, chats in
 * parallel), or a webhook server when WEBHOOK_URL is set. Telegram's 429 and 5xx answers are retried.
 */
export async function runTelegramBot(app: App, config: Config, log: Logger): Promise<void> {
  const token = config.TELEGRAM_BOT_TOKEN;
  if (!token) throw new Error("runTelegramBot needs TELEGRAM_BOT_TOKEN");
  // Notifications go through the bot's API (with auto-retry), which exists from the next line on.
  const news = openDesk({ config, log, indexing: { config, terms: app.terms, embedder: app.embedder }, api: () => bot.api, onIngested: () => app.reload() });
  const bot = createBot({ ...createBotDeps(app, config, log), desk: news.desk, follows: news.follows }, {
    token,
    apiRoot: config.TELEGRAM_API_ROOT || undefined,
    adminIds: config.ADMIN_IDS,
    ratePerMinute: config.RATE_LIMIT_PER_MINUTE,
    maxUploadBytes: config.MAX_UPLOAD_MB * 2 ** 20,
    maxQuestionChars: config.MAX_QUESTION_CHARS,
    examples: EXAMPLES,
    before: sequentialize((ctx) => (ctx.chat ? String(ctx.chat.id) : undefined)),
  });
  // Our own getMe, before auto-retry: bot.init() and auto-retry retry network errors forever,
  // so an unreachable or refusing Telegram would leave the start hanging instead of saying why.
  bot.botInfo = await bot.api.getMe().catch((error: unknown) => {
    throw explainStartError(error, config.TELEGRAM_API_ROOT || "https://api.telegram.org");
  });
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30 }));
  await bot.api.setMyCommands([
    { command: "ask", description: "提问 / ask a question" },
    { command: "sources", description: "上一个回答的全部来源" },
    { command: "help", description: "说明和示例问题" },
    { command: "follow", description: "关注话题：/follow 金湖 新能源" },
    { command: "following", description: "我的关注" },
    { command: "unfollow", description: "取消关注：/unfollow <编号>" },
  ]);
  const stopPolling = startPolling(news.desk, config.FEED_INTERVAL_MINUTES, log);
  const stopping = new Promise<string>((resolve) => {
    process.once("SIGINT", () => resolve("SIGINT"));
    process.once("SIGTERM", () => resolve("SIGTERM"));
  });

  if (config.WEBHOOK_URL) {
    const handle = webhookCallback(bot, "http", { secretToken: config.WEBHOOK_SECRET ?? "" });
    const server = http.createServer((req, res) => {
      if (req.method !== "POST") return void res.writeHead(405).end();
      void handle(req, res);
    });
    // A port in use must stop the start with its cause, not crash on an unhandled "error" event.
    await new Promise<void>((resolve, reject) => server.once("error", reject).listen(config.WEBHOOK_PORT, resolve));
    await bot.api.setWebhook(config.WEBHOOK_URL, { secret_token: config.WEBHOOK_SECRET ?? "" });
    log.info(`@${bot.botInfo.username} is listening for webhook updates on port ${config.WEBHOOK_PORT}.`);
    log.info(`stopping (${await stopping}) …`);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    stopPolling();
    news.close();
    return;
  }

  await bot.api.deleteWebhook();
  const runner = run(bot);
  log.info(`@${bot.botInfo.username} is running (long polling). Ctrl-C stops it.`);
  log.info(`stopping (${await stopping}), finishing answers in progress …`);
  if (runner.isRunning()) await runner.stop();
  stopPolling();
  news.close();
}
