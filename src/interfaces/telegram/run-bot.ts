import http from "node:http";
import { autoRetry } from "@grammyjs/auto-retry";
import { run, sequentialize } from "@grammyjs/runner";
import type { App } from "../../app.js";
import type { Config } from "../../config.js";
import { AppError, describeError } from "../../errors.js";
import type { Logger } from "../../log.js";
import { createAdminJobs } from "./admin-jobs.js";
import { createBot } from "./bot.js";
import { createBotDeps } from "./deps.js";
import { explainStartError } from "./start-errors.js";
import { openDesk } from "./desk.js";
import { startPolling } from "../../sources/schedule.js";
import { createWebhookHandler } from "./webhook.js";

export const EXAMPLES = ["史志军在金湖调研了哪些企业？", "如东经济开发区有哪两大特色产业？", "2024年攻坚拉练分几组，去了多少个县区园区？"];

/**
 * Run the bot until `stopping` resolves (SIGINT/SIGTERM): long polling (updates of one chat in
 * order, chats in parallel), or a webhook server when WEBHOOK_URL is set. Telegram's 429 and
 * 5xx answers are retried. Answers and admin jobs in progress are finished before it returns.
 */
export async function runTelegramBot(app: App, config: Config, log: Logger, stopping: Promise<string>): Promise<void> {
  const token = config.TELEGRAM_BOT_TOKEN;
  if (!token) throw new Error("runTelegramBot needs TELEGRAM_BOT_TOKEN");
  // A promise some library forgets to handle must not end a bot that serves many chats.
  const unhandled = (reason: unknown) => log.error(`unhandled rejection: ${reason instanceof Error ? reason.message : String(reason)}`);
  process.on("unhandledRejection", unhandled);
  const jobs = createAdminJobs(log);
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
    jobs,
  });
  try {
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
    const finishJobs = async () => {
      const job = jobs.running();
      if (job) log.info(`waiting for the ${job} to finish (a second SIGINT/SIGTERM stops at once; the live index stays as it was) …`);
      await jobs.idle();
    };
    try {
      if (config.WEBHOOK_URL) {
        const webhook = createWebhookHandler((update) => bot.handleUpdate(update), { secret: config.WEBHOOK_SECRET ?? "", log });
        const server = http.createServer(webhook.listener);
        // A port in use must stop the start with its cause, not crash on an unhandled "error" event.
        await new Promise<void>((resolve, reject) => server.once("error", reject).listen(config.WEBHOOK_PORT, resolve));
        await bot.api.setWebhook(config.WEBHOOK_URL, { secret_token: config.WEBHOOK_SECRET ?? "" });
        log.info(`@${bot.botInfo.username} is listening for webhook updates on port ${config.WEBHOOK_PORT}.`);
        log.info(`stopping (${await stopping}), finishing answers in progress …`);
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        await webhook.drain();
        await finishJobs();
        await closed;
        return;
      }
      await bot.api.deleteWebhook();
      const runner = run(bot);
      log.info(`@${bot.botInfo.username} is running (long polling). Ctrl-C stops it.`);
      log.info(`stopping (${await stopping}), finishing answers in progress …`);
      if (runner.isRunning()) await runner.stop();
      await finishJobs();
    } finally {
      stopPolling();
    }
  } finally {
    news.close();
    process.off("unhandledRejection", unhandled);
  }
}
