import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApp, type App } from "../../src/app.js";
import { silentLogger } from "../../src/log.js";
import { testConfig } from "../helpers.js";

/** Exact answers of the default (extractive, lexical) answer path over the five sample articles. */
describe("extractive answers over the sample corpus", () => {
  let app: App;
  beforeAll(async () => {
    app = await openApp(testConfig(), silentLogger, { embedder: null });
  });
  afterAll(() => app.close());

  const ask = async (q: string, chat?: string) => {
    const r = await app.ask(q, chat);
    return { answered: r.answered, answer: r.answer, cited: r.citations.map((c) => `${c.n}:${c.articleId}`) };
  };

  it("lists the five enterprises of the 2026 Jinhu visit in the article's order, grouped by article with dates", async () => {
    expect(await ask("史志军在金湖调研特色优势产业时去了哪些企业？")).toEqual({
      answered: true,
      answer:
        "2026-01-25《市领导在金湖调研特色优势产业培育工作》：江苏金石机械集团有限公司[1]、支点石油科技有限责任公司[1]、江苏红光仪表厂有限公司[2]、江苏正贤自控设备集团有限公司[2]、江苏元感微电子有限公司[2]。",
      cited: ["1:000_5265b86b2bb2d65e", "2:000_5265b86b2bb2d65e"],
    });
  });

  it("groups a question that spans two visits by article and date", async () => {
    const r = await ask("市委书记在金湖县考察了哪些企业？");
    expect(r.answer.split("\n")).toEqual([
      "2026-01-25《市领导在金湖调研特色优势产业培育工作》：江苏金石机械集团有限公司[1]、支点石油科技有限责任公司[1]、江苏红光仪表厂有限公司[2]、江苏正贤自控设备集团有限公司[2]、江苏元感微电子有限公司[2]。",
      "2024-07-24《市委市政府举行2024年第二次重特大产业项目攻坚拉练》：江苏博华动力科技有限公司[3]、江苏红器防腐工程有限公司[3]、淮安新奕恒环保有限公司[3]、江苏欧洛普科技新材料有限公司[3]、江苏神华药业有限公司[3]。",
    ]);
  });

  it("answers a Traditional question in Traditional script", async () => {
    const r = await ask("如東經濟開發區有哪兩大特色產業？");
    expect(r).toEqual({
      answered: true,
      answer: "2023-04-25《對標一流推動產業做大做強 高點定位實現鏈式集聚發展》：風電裝備[1]、安全防護[1]。",
      cited: ["1:003_a889f4cb870d6376"],
    });
  });

  it.each([
    ["2024年攻坚拉练分几组，去了多少个县区园区？", "市委市政府举行2024年第二次重特大产业项目攻坚拉练，分三组赴8个县区园区。[1]"],
    ["盐城的推进会强调要加快融入哪里？", "加快融入长三角，全力建设新盐城。[1]"],
    ["淮安睿晶石英科技生产什么？", "淮安睿晶石英科技有限公司光伏及半导体用高纯石英材料生产项目。[1]"],
    ["史志军什么时候在金湖调研？", "昨日（2026-01-24），市委书记史志军在金湖县调研特色优势产业培育工作。[1]"],
    ["戚寿余带队去了哪里？", "戚寿余带队赴淮安区、淮安工业园区、清江浦区。[1]"],
  ])("answers %s", async (q, answer) => {
    const r = await ask(q);
    expect([r.answered, r.answer]).toEqual([true, answer]);
  });

  it("answers an English question in an English frame with the Chinese names kept", async () => {
    const r = await ask("What are the two characteristic industries of the Rudong Economic Development Zone?");
    expect(r.answer).toBe("From the indexed articles:\n2023-04-25《对标一流推动产业做大做强 高点定位实现链式集聚发展》：风电装备[1]、安全防护[1]。");
  });

  it.each([
    ["Which two industries does the Rudong Economic Development Zone specialise in?", "风电装备[1]、安全防护[1]。"],
    ["What are the emerging industries of the Rudong development zone?", "生命健康[1]、半导体[1]。"],
  ])("tells apart the kinds of industry an English question asks for: %s", async (q, tail) => {
    expect((await ask(q)).answer.endsWith(tail)).toBe(true);
  });

  it.each(["淮安市有多少人口？", "金湖县2025年的GDP是多少？", "史志军是哪一年出生的？", "如东经济开发区管委会的联系电话是多少？"])("refuses %s", async (q) => {
    const r = await app.ask(q);
    expect(r.answered).toBe(false);
    expect(r.citations).toEqual([]);
    expect(r.answer).toBe("已收录的文章里没有找到这个问题的答案。可以换个说法，或说出具体的企业、地点或时间再问。");
  });

  it("refuses in English and offers the closest passages as related, not as citations", async () => {
    const r = await app.ask("How many people live in Jinhu county?");
    expect(r.answered).toBe(false);
    expect(r.answer).toBe("The indexed articles don't say. Try rephrasing, or name a specific company, place or date.");
    expect(r.related.length).toBeLessThanOrEqual(2);
  });

  it("reads follow-ups against the chat's last turn: another place, and a source by number", async () => {
    await ask("史志军在金湖调研了哪些企业？", "chat-1");
    const place = await app.ask("那洪泽区呢？", "chat-1");
    expect(place.note).toBe("理解为：史志军在洪泽区调研了哪些企业?");
    expect(place.answer).toBe(
      "2024-07-24《市委市政府举行2024年第二次重特大产业项目攻坚拉练》：罗孚橡胶(江苏)有限公司[1]、江苏沃盾耐磨新材料有限公司[1]、中电光谷(淮安)产业园开发有限公司[1]、江苏源涌新材料有限公司[1]。",
    );
    await ask("史志军在金湖调研了哪些企业？", "chat-2");
    const source = await app.ask("第二条来源是哪篇文章？", "chat-2");
    expect(source.answer).toBe("上一个回答的第2条来源是《市领导在金湖调研特色优势产业培育工作》（2026-01-25，淮安日报），文章编号 000_5265b86b2bb2d65e。[1]");
    // Another chat has no such history: the same words are a new (unanswerable) question.
    expect((await app.ask("第二条来源是哪篇文章？", "chat-3")).answered).toBe(false);
  });

  it("says how it read a follow-up in the script the user writes in", async () => {
    await ask("史志軍在金湖調研了哪些企業？", "chat-4");
    expect((await app.ask("那洪澤區呢？", "chat-4")).note).toBe("理解為：史志軍在洪澤區調研了哪些企業?");
  });
});
