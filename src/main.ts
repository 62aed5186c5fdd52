import { describeProgress } from "./interfaces/cli/format.js";
import { openApp } from "./app.js";
import { runConsoleChat } from "./interfaces/cli/chat.js";
import { createProgressLine, runCli } from "./interfaces/cli/run.js";
import { runTelegramBot } from "./interfaces/telegram/run-bot.js";
import { watchStopSignals } from "./shutdown.js";

/**
 * npm start: with TELEGRAM_BOT_TOKEN the Telegram bot, without it the console chat.
 * The only entry that decides what runs; everything it needs is built here and passed down.
 */
const USAGE = "usage: npm start   (with TELEGRAM_BOT_TOKEN set the Telegram bot, without it a console chat; settings are environment variables, see README)";

await runCli(USAGE, async ({ config, log }) => {
  // From the first moment: a SIGTERM during the first index build must not leave a lock behind.
  const stop = watchStopSignals(log);
  let building = true;
  void stop.stopping.then((signal) => {
    if (building) log.info(`stopping (${signal}): the index build is abandoned; the live index (if any) is unchanged and the next start builds it again`);
    else if (!config.TELEGRAM_BOT_TOKEN) log.info(`stopping (${signal})`);
    else return; // the bot stops itself, finishing answers in progress
    process.exit(0);
  });
  const progress = createProgressLine("building index");
  const app = await openApp(config, log, { onBuildProgress: (p) => progress.update(describeProgress(p)) });
  building = false;
  progress.done();
  try {
    if (config.TELEGRAM_BOT_TOKEN) await runTelegramBot(app, config, log, stop.stopping);
    else await runConsoleChat(app);
  } finally {
    await app.close();
  }
  return 0;
});
