import type { Logger } from "../../log.js";

/**
 * Admin jobs (a re-index, an upload) run beside the chat queues, one at a time: the admin's
 * questions are answered meanwhile, and a second job is refused instead of queued.
 */
export interface AdminJobs {
  /** Start `job` unless one is running; returns the running job's name when refused, null when started. */
  start(what: string, job: () => Promise<void>): string | null;
  /** The running job's name, or null. */
  running(): string | null;
  /** Resolves once no job is running (shutdown, tests). */
  idle(): Promise<void>;
}

export function createAdminJobs(log: Logger): AdminJobs {
  let current: { what: string; done: Promise<void> } | null = null;
  return {
    start(what, job) {
      if (current) return current.what;
      const done = job()
        .catch((error: unknown) => log.error(`${what} failed: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => {
          current = null;
        });
      current = { what, done };
      return null;
    },
    running: () => current?.what ?? null,
    async idle() {
      while (current) await current.done;
    },
  };
}
