import { describe, expect, it } from "vitest";
import { ConfigError, describeError } from "../src/errors.js";

describe("describeError", () => {
  it("keeps our own messages as they are", () => {
    expect(describeError(new ConfigError("TOP_K must be a whole number"))).toBe("TOP_K must be a whole number");
  });

  it("adds the fix to operating-system errors a person can fix", () => {
    const full = Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    expect(describeError(full)).toBe("the disk is full (ENOSPC): free some space where INDEX_DIR and DATA_DIR are, then try again");
    const port = Object.assign(new Error("listen EADDRINUSE: address already in use :::8443"), { code: "EADDRINUSE" });
    expect(describeError(port)).toBe("listen EADDRINUSE: address already in use :::8443 — the port is already in use: stop the other program or set WEBHOOK_PORT");
  });

  it("names anything else by its message and how to see more, never a log file that does not exist", () => {
    expect(describeError(new TypeError("x is not a function"))).toBe(
      "unexpected error: x is not a function — run again with LOG_LEVEL=debug (and LOG_FILE to keep it) to see where it happened, and report it if it persists",
    );
  });
});
