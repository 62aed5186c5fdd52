import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";

describe("fetch and feed settings", () => {
  it("have safe defaults", () => {
    const c = loadConfig({});
    expect([c.FETCH_TIMEOUT_MS, c.FETCH_MAX_MB, c.FETCH_MAX_REDIRECTS, c.FETCH_ALLOW_PRIVATE, c.FEED_INTERVAL_MINUTES, c.FEED_HOST_DELAY_MS, c.FEED_MAX_ITEMS]).toEqual([15000, 5, 3, false, 30, 2000, 30]);
  });

  it("are read from the environment, and wrong values name the variable", () => {
    expect(loadConfig({ FETCH_ALLOW_PRIVATE: "1", FEED_INTERVAL_MINUTES: "0" })).toMatchObject({ FETCH_ALLOW_PRIVATE: true, FEED_INTERVAL_MINUTES: 0 });
    expect(() => loadConfig({ FETCH_ALLOW_PRIVATE: "yes" })).toThrow("FETCH_ALLOW_PRIVATE must be 0 or 1");
    expect(() => loadConfig({ FETCH_MAX_REDIRECTS: "50" })).toThrow("FETCH_MAX_REDIRECTS must be at most 10");
  });
});
