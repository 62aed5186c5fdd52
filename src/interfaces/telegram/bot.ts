import { Bot, GrammyError, HttpError, type BotConfig, type Context, type Middleware } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { redact } from "../../log.js";
import { createAdminJobs, type AdminJobs } from "./admin-jobs.js";
import { createAnswerStore, createRateLimiter, type BotDeps, type BotOptions } from "./context.js";
import { askFeature } from "./features/answer.js";
import { adminFeature } from "./features/admin.js";
import { feedsFeature } from "./features/feeds.js";
import { followFeature } from "./features/follow.js";
import { passagesFeature } from "./features/passages.js";
import { startFeature } from "./features/start.js";

export interface CreateBotOptions extends BotOptions {
  token: string;
  /** Known bot info (tests, or to skip getMe at start). */
  botInfo?: UserFromGetMe | undefined;
  /** A self-hosted Bot API server, e.g. http://127.0.0.1:8081. */
  apiRoot?: string | undefined;
  /** Middleware that runs before every feature (the runner's per-chat ordering). */
  before?: Middleware<Context> | undefined;
  /** Where re-index and upload jobs run (one at a time, outside the chat queues). */
  jobs?: AdminJobs | undefined;
}

/**
 * The Telegram bot: one feature per composer, each inside an error boundary that logs
 * (without the token) and tells the user plainly, never with a stack trace.
 */
export function createBot(deps: BotDeps, options: CreateBotOptions): Bot<Context> {
  const config: BotConfig<Context> = {};
  if (options.botInfo) config.botInfo = options.botInfo;
  if (options.apiRoot) config.client = { apiRoot: options.apiRoot };
  const bot = new Bot<Context>(options.token, config);
  const answers = createAnswerStore();
  const allow = createRateLimiter(options.ratePerMinute);
  const boundary = async (err: { error: unknown; ctx: Context }) => {
    const e = err.error;
    const what = e instanceof GrammyError ? `Telegram refused ${e.method}: ${e.description}` : e instanceof HttpError ? "network error talking to Telegram" : e instanceof Error ? e.message : String(e);
    deps.log.error(redact(`update ${err.ctx.update.update_id}: ${what}`, [options.token]));
    await err.ctx.reply("抱歉，处理这条消息时出错了，请稍后再试。Sorry, something went wrong; please try again later.").catch(() => undefined);
  };
  const features = [
    startFeature(deps, options, answers, allow),
    adminFeature(deps, options, options.jobs ?? createAdminJobs(deps.log)),
    ...(deps.desk ? [feedsFeature(deps.desk, options)] : []),
    ...(deps.follows ? [followFeature(deps.follows)] : []),
    passagesFeature(answers),
    askFeature(deps, options, answers, allow),
  ];
  if (options.before) bot.use(options.before);
  for (const feature of features) bot.errorBoundary(boundary).use(feature);
  bot.catch((err) => deps.log.error(redact(`unhandled: ${err.message}`, [options.token])));
  return bot;
}
