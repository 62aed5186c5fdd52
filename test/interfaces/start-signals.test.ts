import { spawn } from "node:child_process";
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TOKEN, fakeBotApi } from "../fake-bot-api.js";
import { DATA, ROOT, SEEDS, tempDir } from "../helpers.js";

/** `npm start` as an operator (or systemd, or docker stop) runs it, with the bot on a fake Bot API. */
function npmStart(env: Record<string, string>) {
  const child = spawn("npm", ["start", "--silent"], { cwd: ROOT, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env }, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (c: Buffer) => (stderr += c.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  const seen = async (text: string) => {
    while (!stderr.includes(text) && child.exitCode === null) await new Promise((r) => setTimeout(r, 50));
  };
  return { child, exit, stderr: () => stderr, seen };
}

describe("SIGTERM and SIGINT under npm start", () => {
  const api = fakeBotApi();
  let env: Record<string, string>;
  let dir: string;
  beforeAll(async () => {
    await new Promise<void>((r) => api.server.listen(0, "127.0.0.1", r));
    dir = tempDir("newsqa-signals-");
    const data = path.join(dir, "data");
    fs.mkdirSync(data);
    for (const f of SEEDS) fs.copyFileSync(path.join(DATA, f), path.join(data, f));
    env = { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: `http://127.0.0.1:${(api.server.address() as AddressInfo).port}`, DATA_DIR: data, INDEX_DIR: path.join(dir, "index"), EMBED_MODE: "off", INGEST_WORKERS: "0" };
  });
  afterAll(() => new Promise<void>((r) => api.server.close(() => r())));

  it.each(["SIGTERM", "SIGINT"] as const)("%s to npm start stops the bot gracefully: a stopping line, exit 0, no lock left", async (signal) => {
    const run = npmStart(env);
    await run.seen("is running (long polling)");
    run.child.kill(signal);
    const { code } = await run.exit;
    expect(run.stderr()).toContain(`stopping (${signal}), finishing answers in progress`);
    expect(code).toBe(0);
    expect(fs.existsSync(path.join(env.INDEX_DIR!, "write.lock"))).toBe(false);
  }, 60_000);

  it("SIGTERM during the first index build stops with a stopping line and leaves no lock", async () => {
    const data = path.join(dir, "bulk");
    fs.mkdirSync(data);
    fs.writeFileSync(path.join(data, "bulk.jsonl"), Array.from({ length: 3000 }, (_, i) => JSON.stringify({ id: `b${i}`, text: `第${i}期简报：金湖县今日召开仪器仪表产业推进会，部署全年重点工作。` })).join("\n"));
    const run = npmStart({ ...env, DATA_DIR: data, INDEX_DIR: path.join(dir, "index-build") });
    await run.seen("No index yet: building it");
    run.child.kill("SIGTERM");
    const { code } = await run.exit;
    // However far the build got when the signal came, the stop is graceful.
    expect(run.stderr()).toMatch(/stopping \(SIGTERM\)/);
    expect(code).toBe(0);
    expect(fs.existsSync(path.join(dir, "index-build", "write.lock"))).toBe(false);
  }, 60_000);
});
