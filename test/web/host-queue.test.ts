import { afterEach, describe, expect, it, vi } from "vitest";
import { silentLogger } from "../../src/log.js";
import type { NewsDesk } from "../../src/sources/desk.js";
import { startPolling } from "../../src/sources/schedule.js";
import { createHostQueue, type Clock } from "../../src/web/host-queue.js";

describe("the host queue", () => {
  it("runs one request at a time per host, pausing between them, and hosts independently", async () => {
    let now = 0;
    const clock: Clock = { now: () => now, sleep: async (ms) => void (now += ms) };
    const queue = createHostQueue(2000, clock);
    const log: string[] = [];
    const open = new Map<string, number>();
    const job = (name: string) => async () => {
      const host = name[0]!;
      open.set(host, (open.get(host) ?? 0) + 1);
      log.push(`${name} start ${now} open ${open.get(host)}`);
      await new Promise((r) => setTimeout(r, 5));
      now += 100;
      open.set(host, open.get(host)! - 1);
      if (name === "a2") throw new Error("failed");
      return name;
    };
    const results = await Promise.allSettled([
      queue("http://a.test/1", job("a1")),
      queue("http://a.test/2", job("a2")),
      queue("http://a.test/3", job("a3")),
      queue("http://b.test/1", job("b1")),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled"]);
    // b1 starts beside a1 (another host); each a-request waits for the previous one and the pause.
    expect(log).toEqual(["a1 start 0 open 1", "b1 start 0 open 1", "a2 start 2100 open 1", "a3 start 4300 open 1"]);
  });
});

describe("the poll schedule", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("polls soon after start, then every FEED_INTERVAL_MINUTES, never two at once, and not at all for 0 or without sources", async () => {
    vi.useFakeTimers();
    let calls = 0;
    let finish: () => void = () => undefined;
    let list = [{}];
    const desk = { sources: { list: () => list }, poll: () => new Promise<never>((resolve) => ((calls++), (finish = () => resolve(undefined as never)))) } as unknown as NewsDesk;
    const stop = startPolling(desk, 2, silentLogger, 10_000);
    await vi.advanceTimersByTimeAsync(9_000);
    expect(calls).toBe(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls).toBe(1);
    // Still running at the first interval: skipped.
    await vi.advanceTimersByTimeAsync(120_000);
    expect(calls).toBe(1);
    finish();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(calls).toBe(2);
    finish();
    list = [];
    await vi.advanceTimersByTimeAsync(120_000);
    expect(calls).toBe(2);
    list = [{}];
    stop();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(calls).toBe(2);
    startPolling(desk, 0, silentLogger);
    await vi.advanceTimersByTimeAsync(600_000);
    expect(calls).toBe(2);
  });
});
