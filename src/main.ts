import { describeProgress } from "./interfaces/cli/format.js";
import { openApp } from "./app.js";
import { runConsoleChat } from "./interfaces/cli/chat.js";
import { createProgressLine, runCli } from "./interfaces/cli/run.js";
import { runTelegramBot } from "./interfaces/telegram/run-bot.js";

/**
 * npm start: with TELEGRAM_BOT_TOKEN the Telegram bot, without it the console chat.
 * The only entry that decides what runs; everything it needs is built here and passed down.
 */
await runCli(async ({ config, log }) => {
  const progress = createProgressLine("building index");
  const app = await openApp(config, log, { onBuildProgress: (p) => progress.update(describeProgress(p)) });
  progress.done();
  try {
    if (config.TELEGRAM_BOT_TOKEN) await runTelegramBot(app, config, log);
    else await runConsoleChat(app);
  } finally {
    await app.close();
  }
  return 0;
});
