import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { acquireWriteLock } from "../../src/store/write-lock.js";
import { ROOT, tempDir } from "../helpers.js";

/** The pid of a process that has ended: a lock naming it is stale. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(r.stdout);
}

const staleLock = (root: string) => fs.writeFileSync(path.join(root, "write.lock"), JSON.stringify({ pid: deadPid(), what: "re-index", since: "2026-01-01T00:00:00Z" }));

describe("the index write lock", () => {
  it("releases only its own lock: a lock taken over by another process stays", () => {
    const root = tempDir("newsqa-lock-");
    const release = acquireWriteLock(root, "ingest");
    const other = JSON.stringify({ pid: process.ppid, what: "re-index", since: "2026-01-01T00:00:00Z" });
    fs.writeFileSync(path.join(root, "write.lock"), other);
    release();
    expect(fs.readFileSync(path.join(root, "write.lock"), "utf8")).toBe(other);
  });

  it("takes over a stale lock and refuses while a live one is held", () => {
    const root = tempDir("newsqa-lock-");
    staleLock(root);
    const release = acquireWriteLock(root, "re-index");
    expect(JSON.parse(fs.readFileSync(path.join(root, "write.lock"), "utf8"))).toMatchObject({ pid: process.pid, what: "re-index" });
    expect(() => acquireWriteLock(root, "ingest")).toThrow("the index is busy: re-index is running in this process");
    release();
    expect(fs.existsSync(path.join(root, "write.lock"))).toBe(false);
  });

  it("lets only one of several processes take over a stale lock, however often they race", async () => {
    // The contenders reach the folder through symlinks they make beside it: both inside one
    // temporary folder, so that nothing is left in the system's temp folder.
    const root = path.join(tempDir("newsqa-lockrace-"), "index");
    fs.mkdirSync(root);
    const dead = deadPid();
    staleLock(root);
    const go = path.join(root, "go");
    const contenders = Array.from({ length: 3 }, () => {
      const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "test", "fixtures", "lock-contender.ts"), root, go, String(dead), "1000"], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
      let out = "";
      child.stdout.on("data", (c: Buffer) => (out += c.toString()));
      return { said: () => out, exit: new Promise<void>((r) => child.on("exit", () => r())) };
    });
    while (contenders.some((c) => c.said() === "")) await new Promise((r) => setTimeout(r, 10));
    fs.writeFileSync(go, "");
    await Promise.all(contenders.map((c) => c.exit));
    const results = contenders.map((c) => /won (\d+) violations (\d+)/.exec(c.said())!.slice(1).map(Number));
    const won = results.reduce((sum, [w]) => sum + w!, 0);
    const violations = results.reduce((sum, [, v]) => sum + v!, 0);
    // Each win left a stale lock behind for the others: many takeovers, never two at once.
    expect(won).toBeGreaterThan(100);
    expect(violations).toBe(0);
  }, 120_000);
});
