import { describe, expect, it } from "vitest";
import { ConfigError, describeError } from "../src/errors.js";

describe("describeError", () => {
  it("keeps our own messages as they are", () => {
    expect(describeError(new ConfigError("TOP_K must be a whole number"))).toBe("TOP_K must be a whole number");
  });

  it("adds the fix to operating-system errors a person can fix", () => {
    const full = Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    expect(describeError(full)).toBe("ENOSPC: no space left on device, write — the disk is full: free some space and run again");
  });

  it("names anything else by its message and how to see more, never a log file that does not exist", () => {
    expect(describeError(new TypeError("x is not a function"))).toBe(
      "unexpected error: x is not a function — run again with LOG_LEVEL=debug to see where it happened, and report it if it persists",
    );
  });
});
