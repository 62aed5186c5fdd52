import type { Logger } from "../log.js";
import type { NewsDesk } from "./desk.js";

/**
 * Poll every source shortly after start (a restart should not delay news by a whole interval),
 * then every `minutes` (0: never), until the returned stop is called. Polls never overlap.
 */
export function startPolling(desk: NewsDesk, minutes: number, log: Logger, firstAfterMs = 10_000): () => void {
  if (minutes <= 0) return () => undefined;
  let running = false;
  const tick = () => {
    if (running || desk.sources.list().length === 0) return;
    running = true;
    desk
      .poll()
      .catch((error: unknown) => log.warn(`feed poll failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => (running = false));
  };
  const first = setTimeout(tick, Math.min(firstAfterMs, minutes * 60_000));
  const timer = setInterval(tick, minutes * 60_000);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
