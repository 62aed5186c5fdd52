import { describe, expect, it } from "vitest";
import { openFollowStore, parseFollowWords } from "../../src/follows/follow-store.js";
import { followMatches, matchedSentence } from "../../src/follows/match.js";
import { createNotifier } from "../../src/follows/notify.js";
import { createSendLimiter } from "../../src/follows/send-limiter.js";
import { silentLogger } from "../../src/log.js";
import { markedHtml } from "../../src/interfaces/telegram/notify.js";
import type { Article } from "../../src/types.js";
import type { Clock } from "../../src/web/host-queue.js";
import { tempDir } from "../helpers.js";
import path from "node:path";

const article = (id: string, title: string, text: string): Article => ({ id, title, text, published: "2026-01-25", publishedRaw: null, source: "淮安日報", reporter: null, url: `https://news.test/${id}.html` });
const jinhu = article("a1", "市領導在金湖調研特色優勢產業培育工作", "昨日,市委書記史志軍在金湖縣調研。他強調,要加快新能源產業發展。");
const rudong = article("a2", "对标一流推动产业做大做强", "如东经济开发区聚焦风电装备、安全防护两大特色产业。新能源项目加快落地。");

describe("matching a follow", () => {
  it("needs every word, in either script", () => {
    expect(followMatches(["金湖", "新能源"], jinhu.title, jinhu.text)).toBe(true);
    expect(followMatches(["金湖", "风电"], jinhu.title, jinhu.text)).toBe(false);
    expect(followMatches(["開發區"], rudong.title, rudong.text)).toBe(true);
    expect(followMatches(["调研"], jinhu.title, jinhu.text)).toBe(true);
  });

  it("shows the first sentence with the most words, the words marked in the original script", () => {
    const m = matchedSentence(["金湖", "调研"], jinhu.title, jinhu.text);
    expect(m.sentence).toBe("昨日,市委書記史志軍在金湖縣調研。");
    expect(markedHtml(m)).toBe("昨日,市委書記史志軍在<b>金湖</b>縣<b>調研</b>。");
    expect(markedHtml(matchedSentence(["新能源", "金湖"], jinhu.title, jinhu.text))).toBe("昨日,市委書記史志軍在<b>金湖</b>縣調研。");
    expect(markedHtml(matchedSentence(["風電", "開發區"], rudong.title, rudong.text))).toBe("如东经济<b>开发区</b>聚焦<b>风电</b>装备、安全防护两大特色产业。");
  });

  it("cuts a long sentence around its first mark", () => {
    const long = `${"前".repeat(300)}金湖${"后".repeat(300)}。`;
    const m = matchedSentence(["金湖"], "t", long, 100);
    expect(m.sentence).toBe(`…${"前".repeat(40)}金湖${"后".repeat(58)}…`);
    expect(m.marks).toEqual([[41, 43]]);
  });

  it("splits the words of /follow", () => {
    expect(parseFollowWords(" 金湖  新能源，金湖、风电 ")).toEqual(["金湖", "新能源", "风电"]);
  });
});

describe("pacing", () => {
  it("keeps a second between messages to one chat and at most 30 a second in all", async () => {
    let now = 0;
    const clock: Clock = { now: () => now, sleep: async (ms) => void (now += ms) };
    const wait = createSendLimiter({ perChatMs: 1000, perSecond: 30 }, clock);
    const times: [number, number][] = [];
    for (let i = 0; i < 40; i++) {
      const chat = i < 35 ? i : 0;
      await wait(chat);
      times.push([chat, now]);
    }
    expect(times.slice(0, 30).every(([, t]) => t === 0)).toBe(true);
    expect(times.slice(30, 35).map(([, t]) => t)).toEqual([1000, 1000, 1000, 1000, 1000]);
    expect(times.slice(35).map(([, t]) => t)).toEqual([1000, 2000, 3000, 4000, 5000]);
  });
});

describe("notifying follows", () => {
  it("sends each matching article once per chat, and drops a chat that blocked the bot", async () => {
    const follows = openFollowStore(path.join(tempDir(), "follows.sqlite"));
    follows.add(1, ["金湖"]);
    follows.add(1, ["调研"]);
    follows.add(2, ["新能源"]);
    follows.add(3, ["金湖"]);
    const sent: string[] = [];
    const notify = createNotifier({
      follows,
      log: silentLogger,
      wait: async () => undefined,
      deliver: async (chat, a, m, f) => {
        if (chat === 3) return "blocked";
        sent.push(`${chat} ${a.id} ${f.words.join(" ")} ${m.sentence}`);
        return "sent";
      },
    });
    expect(await notify([jinhu, rudong])).toEqual({ sent: 3, dropped: [3] });
    expect(sent).toEqual([
      "1 a1 金湖 昨日,市委書記史志軍在金湖縣調研。",
      "2 a1 新能源 他強調,要加快新能源產業發展。",
      "2 a2 新能源 新能源项目加快落地。",
    ]);
    expect(follows.list(3)).toEqual([]);
    expect(await notify([jinhu, rudong])).toEqual({ sent: 0, dropped: [] });
    expect(follows.remove(1, 1)?.words).toEqual(["金湖"]);
    expect(follows.list(1).map((f) => [f.n, f.words])).toEqual([[1, ["调研"]]]);
    follows.close();
  });
});
