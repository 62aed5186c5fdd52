import { spawn } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TOKEN, fakeBotApi } from "../fake-bot-api.js";
import { ROOT, tempDir } from "../helpers.js";

const update = (id: number, text: string) => ({
  update_id: id,
  message: {
    message_id: id, date: 1_700_000_000, chat: { id: 777, type: "private", first_name: "U" }, from: { id: 777, is_bot: false, first_name: "U" }, text,
    ...(text.startsWith("/") ? { entities: [{ type: "bot_command", offset: 0, length: text.split(" ")[0]!.length }] } : {}),
  },
});

/** Tags allowed in Telegram HTML that our replies use, balanced. */
function validHtml(text: string): boolean {
  const stack: string[] = [];
  for (const m of text.matchAll(/<(\/?)([a-z]+)>/g)) {
    if (!["b", "i", "blockquote", "pre"].includes(m[2]!)) return false;
    if (m[1]) {
      if (stack.pop() !== m[2]) return false;
    } else stack.push(m[2]!);
  }
  return stack.length === 0 && !/<(?!\/?(?:b|i|blockquote|pre)>)/.test(text);
}

describe("npm start with a token, against a fake Bot API server on 127.0.0.1", () => {
  const api = fakeBotApi();
  let child: ReturnType<typeof spawn>;
  let stderr = "";
  let exit: Promise<number | null>;

  beforeAll(async () => {
    await new Promise<void>((r) => api.server.listen(0, "127.0.0.1", r));
    const port = (api.server.address() as AddressInfo).port;
    const dir = tempDir();
    child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "src", "main.ts")], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: `http://127.0.0.1:${port}`, INDEX_DIR: path.join(dir, "index"), EMBED_REMOTE_HOST: "off", EMBED_MODEL_DIR: path.join(dir, "m") },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stderr?.on("data", (c: Buffer) => (stderr += c.toString()));
    exit = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
    api.queue.push(update(1, "/start"), update(2, "史志军在金湖调研了哪些企业？"));
    const deadline = Date.now() + 45_000;
    while (api.sent.filter((s) => s.method === "sendMessage").length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  }, 60_000);

  afterAll(async () => {
    if (child.exitCode === null) child.kill("SIGKILL");
    await new Promise<void>((r) => api.server.close(() => r()));
  });

  it("answers /start and a question about the Jinhu visit with valid HTML and citation buttons", () => {
    const messages = api.sent.filter((s) => s.method === "sendMessage").map((s) => s.body);
    expect(messages).toHaveLength(2);
    expect(String(messages[0]?.text)).toContain("只根据已收录的 <b>5</b> 篇文章");
    const answer = messages[1]!;
    expect(answer.chat_id).toBe(777);
    expect(answer.parse_mode).toBe("HTML");
    expect(String(answer.text)).toMatch(/^<b>江苏金石机械集团有限公司、支点石油科技有限责任公司、江苏红光仪表厂有限公司、江苏正贤自控设备集团有限公司、江苏元感微电子有限公司<\/b>\n在江苏金石机械集团有限公司.*\[1\]史志军来到江苏红光仪表厂有限公司.*\[2\]/s);
    expect(validHtml(String(answer.text))).toBe(true);
    expect(answer.reply_markup).toEqual({ inline_keyboard: [[{ text: "[1]", callback_data: "p:0:1" }, { text: "[2]", callback_data: "p:0:2" }]] });
    expect(api.sent.map((s) => s.method)).toContain("sendChatAction");
  });

  it("stops cleanly on SIGTERM and never logs the token", async () => {
    child.kill("SIGTERM");
    expect(await exit).toBe(0);
    expect(stderr).toContain("@news_qa_bot is running (long polling)");
    expect(stderr).not.toContain(TOKEN.split(":")[1]);
  });
});

async function freePort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe("webhook mode", () => {
  const api = fakeBotApi();
  let child: ReturnType<typeof spawn>;
  let hook = 0;
  const SECRET = "s3cret-token-for-tests-0123456789";

  beforeAll(async () => {
    await new Promise<void>((r) => api.server.listen(0, "127.0.0.1", r));
    hook = await freePort();
    const dir = tempDir();
    child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "src", "main.ts")], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? "", TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: `http://127.0.0.1:${(api.server.address() as AddressInfo).port}`,
        WEBHOOK_URL: "https://bot.example.org/telegram", WEBHOOK_SECRET: SECRET, WEBHOOK_PORT: String(hook),
        INDEX_DIR: path.join(dir, "index"), EMBED_REMOTE_HOST: "off", EMBED_MODEL_DIR: path.join(dir, "m"),
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    const deadline = Date.now() + 45_000;
    while (!api.sent.some((s) => s.method === "setWebhook") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  }, 60_000);

  afterAll(async () => {
    child.kill("SIGKILL");
    await new Promise<void>((r) => api.server.close(() => r()));
  });

  const post = (secret: string | null) =>
    fetch(`http://127.0.0.1:${hook}/`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(secret ? { "x-telegram-bot-api-secret-token": secret } : {}) },
      body: JSON.stringify(update(10, "如东经济开发区有哪两大特色产业？")),
    });

  it("registers the webhook with its secret and answers only requests that carry it", async () => {
    expect(api.sent.find((s) => s.method === "setWebhook")?.body).toMatchObject({ url: "https://bot.example.org/telegram", secret_token: SECRET });
    expect((await post(null)).status).toBe(401);
    expect((await post("wrong-secret-value")).status).toBe(401);
    expect(api.sent.filter((s) => s.method === "sendMessage")).toHaveLength(0);
    expect((await post(SECRET)).status).toBe(200);
    // Acknowledged at once; the answer follows.
    while (!api.sent.some((s) => s.method === "sendMessage")) await new Promise((r) => setTimeout(r, 20));
    const answer = api.sent.filter((s) => s.method === "sendMessage").at(-1)?.body;
    expect(String(answer?.text)).toMatch(/^<b>风电装备、安全防护<\/b>\n/);
  });
});

/** Start the bot against an API root and collect its exit code and stderr. */
async function startBot(apiRoot: string, token: string, env: Record<string, string> = {}): Promise<{ code: number | null; stderr: string }> {
  const dir = tempDir();
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "src", "main.ts")], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", TELEGRAM_BOT_TOKEN: token, TELEGRAM_API_ROOT: apiRoot, INDEX_DIR: path.join(dir, "index"), EMBED_MODE: "off", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  return { code, stderr };
}

describe("start-up failures say why in one line", () => {
  it("a revoked token: Telegram's 401 becomes the cause and the fix, without the token", async () => {
    const api = fakeBotApi();
    await new Promise<void>((r) => api.server.listen(0, "127.0.0.1", r));
    const revoked = "987654321:AAHrevokedTokenForTestsOnly_abcdefgh";
    try {
      const { code, stderr } = await startBot(`http://127.0.0.1:${(api.server.address() as AddressInfo).port}`, revoked);
      expect(code).toBe(1);
      const errors = stderr.split("\n").filter((l) => l.startsWith("error:"));
      expect(errors).toEqual([
        "error: Telegram rejected the bot token (401 Unauthorized): it was revoked or mistyped — get the current token from @BotFather (/mybots → API Token) and set TELEGRAM_BOT_TOKEN",
      ]);
      expect(stderr).not.toContain(revoked.split(":")[1]);
      expect(stderr).not.toContain("log");
    } finally {
      await new Promise<void>((r) => api.server.close(() => r()));
    }
  }, 60_000);

  it("an unreachable Bot API server: named, with what to check, instead of retrying silently", async () => {
    const { code, stderr } = await startBot(`http://127.0.0.1:${await freePort()}`, TOKEN);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^error: could not reach Telegram at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\): check the network connection and proxy, or TELEGRAM_API_ROOT$/m);
  }, 60_000);

  it("a webhook port already in use: named, with the setting to change", async () => {
    const api = fakeBotApi();
    await new Promise<void>((r) => api.server.listen(0, "127.0.0.1", r));
    const taken = http.createServer();
    await new Promise<void>((r) => taken.listen(0, r));
    try {
      const port = (taken.address() as AddressInfo).port;
      const { code, stderr } = await startBot(`http://127.0.0.1:${(api.server.address() as AddressInfo).port}`, TOKEN, {
        WEBHOOK_URL: "https://bot.example.org/telegram", WEBHOOK_SECRET: "s3cret-token-for-tests-0123456789", WEBHOOK_PORT: String(port),
      });
      expect(code).toBe(1);
      const errors = stderr.split("\n").filter((l) => l.startsWith("error:"));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(new RegExp(`^error: listen EADDRINUSE: address already in use \\S*:${port} — the port is already in use: stop the other program or set WEBHOOK_PORT$`));
    } finally {
      await new Promise<void>((r) => taken.close(() => r()));
      await new Promise<void>((r) => api.server.close(() => r()));
    }
  }, 60_000);
});
