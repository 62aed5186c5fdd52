import type { Logger } from "../log.js";
import type { NewsDesk } from "./desk.js";

/** Poll every source every `minutes` (0: never) until the returned stop is called; a poll never overlaps the previous one. */
export function startPolling(desk: NewsDesk, minutes: number, log: Logger): () => void {
  if (minutes <= 0) return () => undefined;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    desk
      .poll()
      .catch((error: unknown) => log.warn(`feed poll failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => (running = false));
  }, minutes * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
