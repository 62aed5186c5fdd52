import type { Api } from "grammy";
import type { Config } from "../../config.js";
import { followsFile, openFollowStore, type FollowStore } from "../../follows/follow-store.js";
import { createNotifier } from "../../follows/notify.js";
import { createSendLimiter, TELEGRAM_LIMITS } from "../../follows/send-limiter.js";
import type { IndexingDeps } from "../../indexing/reindex.js";
import type { Logger } from "../../log.js";
import { createNewsDesk, type DeskDeps, type NewsDesk } from "../../sources/desk.js";
import { telegramDeliver } from "./notify.js";

export interface OpenedDesk {
  desk: NewsDesk;
  follows: FollowStore;
  close(): void;
}

/**
 * The news desk with follow notifications sent through the Bot API (`api` null: none are
 * sent, as in `npm run feeds` without a token). Both databases live beside the index.
 */
export function openDesk(deps: { config: Config; log: Logger; indexing: IndexingDeps; api: (() => Api) | null; onIngested?: () => void } & Pick<DeskDeps, "fetcher" | "clock">): OpenedDesk {
  const { config, log, api } = deps;
  const follows = openFollowStore(followsFile(config.INDEX_DIR));
  const notify = api ? createNotifier({ follows, deliver: telegramDeliver(api), wait: createSendLimiter(TELEGRAM_LIMITS, deps.clock), log }) : null;
  const desk = createNewsDesk({
    config,
    log,
    indexing: deps.indexing,
    fetcher: deps.fetcher,
    clock: deps.clock,
    onIngested: deps.onIngested,
    onNewArticles: notify
      ? async (articles) => {
          const report = await notify(articles);
          if (report.sent > 0) log.info(`follows: ${report.sent} notification(s) sent`);
        }
      : undefined,
  });
  return {
    desk,
    follows,
    close() {
      desk.close();
      follows.close();
    },
  };
}
