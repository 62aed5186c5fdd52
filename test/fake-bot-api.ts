import http from "node:http";

export const TOKEN = "123456789:AAHfakeTokenForTestsOnly_abcdefghijklmn";

export interface Sent {
  method: string;
  body: Record<string, unknown>;
}

/** A minimal Bot API server: getMe, getUpdates (from a queue), and recorded sends. */
export function fakeBotApi() {
  const queue: unknown[] = [];
  const sent: Sent[] = [];
  let nextId = 1;
  const server = http.createServer((req, res) => {
    let data = "";
    req.on("data", (c) => (data += c));
    req.on("end", () => {
      const m = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? "");
      const reply = (result: unknown) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, result }));
      if (!m || m[1] !== TOKEN) return void res.writeHead(401).end(JSON.stringify({ ok: false, error_code: 401, description: "Unauthorized" }));
      const method = m[2]!;
      const body = (data ? JSON.parse(data) : {}) as Record<string, unknown>;
      if (method === "getMe") return reply({ id: 42, is_bot: true, first_name: "NewsQA", username: "news_qa_bot", can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false });
      if (method === "getUpdates") {
        const offset = Number(body.offset ?? 0);
        const ready = queue.filter((u) => (u as { update_id: number }).update_id >= offset);
        if (ready.length > 0) return reply(ready);
        return void setTimeout(() => reply([]), 100);
      }
      sent.push({ method, body });
      if (method === "sendMessage") return reply({ message_id: nextId++, date: 0, chat: { id: body.chat_id, type: "private" }, text: body.text });
      return reply(true);
    });
  });
  return { server, queue, sent };
}

