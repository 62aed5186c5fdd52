import { spawn } from "node:child_process";
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import Database from "better-sqlite3";
import { GrammyError } from "grammy";
import { describe, expect, it } from "vitest";
import { describeError } from "../../src/errors.js";
import { fakeBotApi } from "../fake-bot-api.js";
import { DATA, ROOT, SEEDS, tempDir } from "../helpers.js";

const enospc = () => Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC", errno: -28, syscall: "write" });

describe("errors from outside our code say their cause", () => {
  it.each([
    ["a full disk", enospc(), "the disk is full (ENOSPC): free some space where INDEX_DIR and DATA_DIR are, then try again"],
    ["a full disk under SQLite", Object.assign(new Error("database or disk is full"), { code: "SQLITE_FULL" }), "the disk is full (ENOSPC): free some space where INDEX_DIR and DATA_DIR are, then try again"],
    ["a full disk as the cause of another error", new Error("ingest failed", { cause: enospc() }), "the disk is full (ENOSPC): free some space where INDEX_DIR and DATA_DIR are, then try again"],
    ["a read-only index", Object.assign(new Error("attempt to write a readonly database"), { code: "SQLITE_READONLY" }), "permission denied (SQLITE_READONLY): this process cannot write to INDEX_DIR or DATA_DIR; check the folders' owner and mode"],
    ["a rejected token", new GrammyError("Call to 'getMe' failed!", { ok: false, error_code: 401, description: "Unauthorized" }, "getMe", {}), "Telegram rejected the bot token (401 Unauthorized): copy TELEGRAM_BOT_TOKEN again from @BotFather (a revoked token stops working at once)"],
    ["anything else", new TypeError("x is undefined"), "unexpected error: x is undefined — run again with LOG_LEVEL=debug (and LOG_FILE to keep it) to see where it happened, and report it if it persists"],
  ])("%s", (_what, error, message) => {
    expect(describeError(error)).toBe(message);
  });

  it("a real SQLite write to a full disk is recognised by its code", () => {
    const db = new Database(":memory:");
    try {
      db.pragma("max_page_count = 2");
      db.exec("CREATE TABLE t (x TEXT)");
      let caught: unknown;
      try {
        db.prepare("INSERT INTO t VALUES (?)").run("长".repeat(100_000));
      } catch (e) {
        caught = e;
      }
      expect(describeError(caught)).toMatch(/^the disk is full \(ENOSPC\)/);
    } finally {
      db.close();
    }
  });

  it("a token Telegram rejects stops npm start with that cause, in the log file too, without the token", async () => {
    const api = fakeBotApi();
    await new Promise<void>((r) => api.server.listen(0, "127.0.0.1", r));
    try {
      const dir = tempDir("newsqa-401-");
      const data = path.join(dir, "data");
      fs.mkdirSync(data);
      fs.copyFileSync(path.join(DATA, SEEDS[0]!), path.join(data, SEEDS[0]!));
      const token = "987654321:AAHrevokedTokenForTests_0123456789abc";
      const logFile = path.join(dir, "bot.log");
      const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "src", "main.ts")], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? "", TELEGRAM_BOT_TOKEN: token, TELEGRAM_API_ROOT: `http://127.0.0.1:${(api.server.address() as AddressInfo).port}`, DATA_DIR: data, INDEX_DIR: path.join(dir, "index"), EMBED_MODE: "off", LOG_FILE: logFile },
        stdio: ["ignore", "ignore", "pipe"],
      });
      let stderr = "";
      child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
      const code = await new Promise<number | null>((r) => child.on("exit", (c) => r(c)));
      const expected = "error: Telegram rejected the bot token (401 Unauthorized): it was revoked or mistyped — get the current token from @BotFather";
      expect(code).toBe(1);
      expect(stderr).toContain(expected);
      expect(fs.readFileSync(logFile, "utf8")).toContain(expected);
      expect(stderr + fs.readFileSync(logFile, "utf8")).not.toContain(token.split(":")[1]);
    } finally {
      await new Promise<void>((r) => api.server.close(() => r()));
    }
  }, 60_000);
});
