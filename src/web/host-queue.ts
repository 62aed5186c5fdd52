/** Runs requests one at a time per host, with a pause between two requests to the same host. */
export type HostQueue = <T>(url: string, job: () => Promise<T>) => Promise<T>;

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = { now: Date.now, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };

export function createHostQueue(delayMs: number, clock: Clock = realClock): HostQueue {
  const hosts = new Map<string, { tail: Promise<unknown>; lastEnd: number }>();
  return <T>(url: string, job: () => Promise<T>) => {
    const host = new URL(url).host;
    const state = hosts.get(host) ?? { tail: Promise.resolve(), lastEnd: -Infinity };
    hosts.set(host, state);
    const run = state.tail.then(async () => {
      const wait = state.lastEnd + delayMs - clock.now();
      if (wait > 0) await clock.sleep(wait);
      try {
        return await job();
      } finally {
        state.lastEnd = clock.now();
      }
    });
    // The next request to this host waits for this one, however it ends.
    state.tail = run.catch(() => undefined);
    return run;
  };
}
