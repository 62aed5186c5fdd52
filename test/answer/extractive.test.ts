import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApp, type App } from "../../src/app.js";
import { silentLogger } from "../../src/log.js";
import { articlesDir, DATA, ROOT, tempDir, testConfig } from "../helpers.js";
import { createExtractiveAnswerer, DEFAULT_EXTRACTIVE_OPTIONS, fitted, shorten } from "../../src/answer/extractive.js";
import { storeWeights } from "../../src/answer/candidates.js";
import { readQuestion } from "../../src/answer/question.js";

/** Exact answers of the default (extractive, lexical) answer path over the five sample articles, one or more per answer kind. */
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

  const JINHU_FIVE = "江苏金石机械集团有限公司、支点石油科技有限责任公司、江苏红光仪表厂有限公司、江苏正贤自控设备集团有限公司、江苏元感微电子有限公司";

  it("lists the five enterprises of the Jinhu visit from both sentences that name them, in the article's order", async () => {
    const r = await app.ask("史志军在金湖调研特色优势产业时去了哪些企业？");
    expect(r.direct).toBe(JINHU_FIVE);
    expect(r.answer).toBe(
      `${JINHU_FIVE}\n在江苏金石机械集团有限公司、支点石油科技有限责任公司等处,史志军详细了解企业生产运行、产品门类、技术积淀等情况。[1]史志军来到江苏红光仪表厂有限公司、江苏正贤自控设备集团有限公司、江苏元感微电子有限公司等处,与企业家亲切交流,深入了解企业生产运行情况和相关项目建设进展。[2]`,
    );
    expect(r.citations.map((c) => `${c.n}:${c.articleId}`)).toEqual(["1:000_5265b86b2bb2d65e", "2:000_5265b86b2bb2d65e"]);
  });

  it("answers a list question that names no kind of item (哪些情况) from enumerations, not with the article's companies", async () => {
    const r = await app.ask("史志军在金湖详细了解了企业的哪些情况？");
    expect(r.answered).toBe(true);
    expect(r.direct).toBeNull();
    expect(r.answer).toContain("在江苏金石机械集团有限公司、支点石油科技有限责任公司等处,史志军详细了解企业生产运行、产品门类、技术积淀等情况。[1]");
  });

  it("answers each part of a two-part question before adding runner-ups: the cities visited and those that impressed", async () => {
    const r = await app.ask("如东县发改委主任于海杰走访了几个城市？对哪几个县市做强载体平台印象深刻？");
    expect(r.answered).toBe(true);
    expect(r.answer).toContain("于海杰考察走访了5个城市,其中对江阴、张家港、慈溪等县市做强做优载体平台");
  });

  it("answers who presided from the sentence naming the chair, not the lead that names a doctrine (习近平新时代中国特色社会主义思想)", async () => {
    const r = await ask("盐城第十八次产业园区项目载体建设现场推进会是谁主持的？");
    expect(r.answered).toBe(true);
    expect(r.answer.startsWith("曹路宝主持推进会")).toBe(true);
  });

  it("answers when one of several places the question names is not in the passages found (如东 in a passage about 张家港 and 江阴)", async () => {
    const r = await app.ask("如东县党政代表团去苏南浙江考察，张家港和江阴分别是以哪家企业为龙头发展什么产业？");
    expect(r.answered).toBe(true);
    expect(r.answer).toContain("张家港市以国富氢能技术装备股份有限公司为龙头的氢能产业,江阴市以长电科技股份有限公司为龙头的半导体产业");
  });

  it("takes a list about a place from the paragraphs about that place", async () => {
    const r = await app.ask("史志军在洪泽区调研了哪些企业？");
    expect(r.direct).toBe("罗孚橡胶(江苏)有限公司、江苏沃盾耐磨新材料有限公司、中电光谷(淮安)产业园开发有限公司、江苏源涌新材料有限公司");
  });

  it("lists the projects an inspection tour saw, though their names do not say 项目 (A、B、C等项目现场), and asked after a measure word (哪几个)", async () => {
    const r = await app.ask("盐城市委书记戴源带队来亭湖区观摩产业园区项目载体建设，看了哪几个项目？");
    expect(r.direct).toBe("环科城环保产业创新中心、和阳电梯部件、中车轨道列车车体");
    // The best sentence (who led the visit, where) leads the evidence, then the one that lists.
    expect(r.answer).toBe("环科城环保产业创新中心、和阳电梯部件、中车轨道列车车体\n与会人员在市委书记、市人大常委会主任戴源带领下,来亭湖区观摩载体建设和项目推进等情况。[1]与会人员先后观摩了环科城环保产业创新中心、和阳电梯部件、中车轨道列车车体等项目现场,所观摩项目都具有良好发展质态,智能制造水平较高,资源整合度高,产业带动性强,充分彰显了区重大项目引建的质量和层次,让与会人员感受到了我区产业园区项目载体建设迈出的坚实步伐。[2]");
  });

  it("picks, of several enumerations in one sentence, the one the question describes, in the question's script", async () => {
    const r = await ask("如東經濟開發區有哪兩大特色產業？");
    expect(r.answered).toBe(true);
    expect(r.answer.split("\n")[0]).toBe("風電裝備、安全防護");
    expect(r.cited[0]).toBe("1:003_a889f4cb870d6376");
  });

  it.each([
    // where / what: the direct answer, then the evidence sentence verbatim with its citation
    ["盐城的推进会强调要加快融入哪里？", "长三角\n他强调,坚持以习近平新时代中国特色社会主义思想为指引,深入贯彻落实省、市委相关会议部署要求,围绕产业发展规律,用好现有政策资源,把握优质增量方向,持续做优环境,推动产业项目更好发展,加快融入长三角,全力建设新盐城。[1]"],
    // when: the evidence, its relative date resolved against the publication date
    ["史志军什么时候在金湖调研？", "昨日（2026-01-24）,市委书记史志军在金湖县调研特色优势产业培育工作。[1]"],
    // how many: the sentence with the number next to what was counted
    ["金湖县仪器仪表产业聚集了多少经营主体？", "金湖县仪器仪表产业发轫于20世纪70年代,已聚集经营主体近2000家,获批全省首家省级仪器仪表产业园,被认定为省内“链主城市”。[1]"],
    // who: the sentence with a person the question does not name, next to what was asked (主持)
    ["盐城市产业园区项目载体建设现场推进会是谁主持的？", "曹路宝主持推进会,李驰、陈红红、王荣、王小红、吴晓丹、羊维达、崔浩、倪峰、马俊健、蒋巍、孙轶、姜友新、李东成、张宏春、陆汉超、孙庆树等参加。[1]与会人员在市委书记、市人大常委会主任戴源带领下,来亭湖区观摩载体建设和项目推进等情况。[1]曹路宝在主持会议时要求,各地各部门要迅速传达落实会议精神,结合即将开展的“不忘初心、牢记使命”主题教育活动,进一步提高政治站位,切实增强推动产业转型升级的行动自觉。[2]"],
    // which organization: the sentence naming it
    ["张家港的氢能产业以哪家公司为龙头？", "张家港市以国富氢能技术装备股份有限公司为龙头的氢能产业,江阴市以长电科技股份有限公司为龙头的半导体产业,呈现出强劲发展态势。[1]"],
  ])("answers %s", async (q, answer) => {
    const r = await ask(q);
    expect([r.answered, r.answer]).toEqual([true, answer]);
  });

  it.each([
    // the second part's sentence added after the best one
    ["金湖县仪器仪表产业聚集了多少经营主体？能源装备产业入选了什么？", "金湖县仪器仪表产业发轫于20世纪70年代,已聚集经营主体近2000家,获批全省首家省级仪器仪表产业园,被认定为省内“链主城市”。[1]金湖县能源装备产业横向拓展至石油机械、风电装备、煤矿装备等细分领域,成功入选省级中小企业特色产业集群。[2]"],
    // and the first part's, when the best sentence answers the second
    ["史志军什么时候在金湖调研？金湖县仪器仪表产业聚集了多少经营主体？", "金湖县仪器仪表产业发轫于20世纪70年代,已聚集经营主体近2000家,获批全省首家省级仪器仪表产业园,被认定为省内“链主城市”。[1]昨日（2026-01-24）,市委书记史志军在金湖县调研特色优势产业培育工作。[2]"],
  ])("answers every part of a question that asks two things: %s", async (q, answer) => {
    expect((await ask(q)).answer).toBe(answer);
  });

  it("answers an English question with romanized names through the corpus's own names", async () => {
    const r = await app.ask("Which companies did Shi Zhijun visit in Jinhu?");
    expect(r.answered).toBe(true);
    expect(r.direct).toBe(JINHU_FIVE);
    expect(r.answer.startsWith(`From the indexed articles:\n${JINHU_FIVE}\n`)).toBe(true);
  }, 60_000);

  it("reads an English follow-up as the user meant it: the same question about another place", async () => {
    await app.ask("Which companies did Shi Zhijun visit in Jinhu?", "en-follow-up");
    const r = await app.ask("What about Hongze?", "en-follow-up");
    expect(r.note).toBe("read as: Which companies did Shi Zhijun visit in Hongze?");
    expect(r.answered).toBe(true);
    expect(r.answer).toContain("罗孚橡胶");
    expect(r.answer).not.toContain("江苏金石机械集团");
  }, 60_000);

  it("tells apart the kinds of industry an English question asks for", async () => {
    expect((await app.ask("What are the emerging industries of the Rudong development zone?")).direct).toBe("生命健康、半导体");
    // "leading" is read as 领导 (the sense the corpus uses most); its other sense 主导 is the article's word.
    expect((await app.ask("What are the leading industries of Rudong Economic Development Zone?")).direct).toBe("高端装备制造、电子信息、新材料");
  }, 60_000);

  it.each(["淮安市有多少人口？", "金湖县2025年的GDP是多少？", "史志军是哪一年出生的？", "如东经济开发区管委会的联系电话是多少？"])("refuses %s", async (q) => {
    const r = await app.ask(q);
    expect(r.answered).toBe(false);
    expect(r.citations).toEqual([]);
    expect(r.answer).toBe("已收录的文章里没有找到这个问题的答案。可以换个说法，或说出具体的企业、地点或时间再问。");
  });

  it("reads follow-ups against the chat's last turn: another place, and a source by number", async () => {
    await ask("史志军在金湖调研了哪些企业？", "chat-1");
    const place = await app.ask("那洪泽区呢？", "chat-1");
    expect(place.note).toBe("理解为：史志军在洪泽区调研了哪些企业?");
    expect(place.direct).toBe("罗孚橡胶(江苏)有限公司、江苏沃盾耐磨新材料有限公司、中电光谷(淮安)产业园开发有限公司、江苏源涌新材料有限公司");
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

  it("refuses evidence whose article holds too little of the question, unless the evidence is sure enough", async () => {
    const question = await readQuestion("如东经济开发区有哪两大特色产业？");
    const { passages } = await app.retriever.retrieve(question.search, { k: 5 });
    // Coverage no article can reach: refused below the waiver, answered from it.
    const strict = { ...DEFAULT_EXTRACTIVE_OPTIONS, minAnswerable: 0.45, minArticleCoverage: 1.01 };
    const compose = (coverageWaivedFrom: number) => createExtractiveAnswerer(app.terms, storeWeights(app.generation.store), undefined, { ...strict, coverageWaivedFrom }).compose(question, passages);
    const refused = await compose(1.01);
    expect([refused.answered, refused.refusal]).toEqual([false, "coverage"]);
    const sure = await compose(0.8);
    expect(sure.answered).toBe(true);
    expect(sure.confidence).toBeGreaterThanOrEqual(0.8);
    expect(sure.text).toContain("风电装备、安全防护");
  }, 60_000);
});

/** Six CRUD articles (test/fixtures/crud, from ../shared/corpus) beside the sample corpus. */
describe("extractive answers over the sample corpus and six news articles", () => {
  let app: App;
  beforeAll(async () => {
    const data = tempDir();
    for (const f of fs.readdirSync(DATA)) fs.copyFileSync(path.join(DATA, f), path.join(data, f));
    for (const f of ["crud-19137.jsonl", "crud-39565.jsonl", "crud-30203.jsonl", "crud-35942.jsonl", "crud-09800.jsonl", "crud-06656.jsonl"]) fs.copyFileSync(path.join(ROOT, "test", "fixtures", "crud", f), path.join(data, f));
    app = await openApp(testConfig({ DATA_DIR: data }), silentLogger, { embedder: null });
  }, 60_000);
  afterAll(() => app.close());

  it("answers a question that asks two quantities, though one asked noun (人数) is not the article's word (人员)", async () => {
    const r = await app.ask("成都长期护理保险现在参保人数有多少？基金累计支付了多少？");
    expect(r.answer).toBe("据介绍，截至目前，成都市长期护理保险参保人员超过1800万人，累计12万余人享受待遇，基金累计支付超过22亿元，切实提高了失能人员的生活质量、减轻了失能人员家庭的经济负担。[1]");
    expect(r.citations.map((c) => c.articleId)).toEqual(["crud-19137"]);
  });

  it("never gives a sentence that asks as evidence (the article's headings: 什么是急性酒精中毒？ 酒精中毒三个时期？)", async () => {
    const r = await app.ask("株洲那篇科普里，急性酒精中毒分为哪三个时期？");
    expect(r.answered).toBe(true);
    expect(r.answer).not.toMatch(/[？?]/);
    expect(r.citations.map((c) => c.articleId)).toEqual(["crud-39565"]);
  });

  it("does not take a word the segmenter cut across a name (演赵四 → 演赵/x) for a name the article must hold", async () => {
    const r = await app.ask("演赵四的那位喜剧演员当爷爷了，给儿媳包了多大的红包？");
    expect(r.answered).toBe(true);
    expect(r.answer).toContain("10万红包");
    expect(r.citations.map((c) => c.articleId)).toEqual(["crud-30203"]);
  });

  it("leads a list answer with its best sentence, whose items are titles side by side (《孤注一掷》《深渊》)", async () => {
    const r = await app.ask("天山路街道法治电影周期间放映哪些法治电影？");
    expect(r.answered).toBe(true);
    expect(r.answer).toContain("将放映多部感人至深的法治电影，如《孤注一掷》《深渊》等。");
    expect(new Set(r.citations.map((c) => c.articleId))).toEqual(new Set(["crud-09800"]));
  });

  it("adds to a which-question's best sentence the one naming a thing of the kind asked (哪个剧院 → 闵行剧院)", async () => {
    const r = await app.ask("上海那个国际吉他艺术节，开幕音乐会是在哪个剧院办的来着？");
    expect(r.answered).toBe(true);
    expect(r.answer).toContain("晚上8点的闵行剧院座无虚席");
    expect(new Set(r.citations.map((c) => c.articleId))).toEqual(new Set(["crud-06656"]));
  });

  it("checks that a count stands by the noun of the clause that asks, not by one the context before the comma names (陆军)", async () => {
    const r = await app.ask("广东高院庆祝八一去了陆军某旅，多少名退役军人干警参加？");
    expect(r.answered).toBe(true);
    expect(r.answer).toContain("80多名退役军人干警");
    expect(r.citations.map((c) => c.articleId)).toEqual(["crud-35942"]);
  });
});

/** Two reports of the same rains (test/fixtures/crud): what one does not say, the other does. */
describe("extractive answers from two reports of one event", () => {
  let app: App;
  beforeAll(async () => {
    const data = tempDir();
    for (const f of fs.readdirSync(DATA)) fs.copyFileSync(path.join(DATA, f), path.join(data, f));
    for (const f of ["crud-22483.jsonl", "crud-22475.jsonl"]) fs.copyFileSync(path.join(ROOT, "test", "fixtures", "crud", f), path.join(data, f));
    app = await openApp(testConfig({ DATA_DIR: data }), silentLogger, { embedder: null });
  }, 60_000);
  afterAll(() => app.close());

  it("answers a part the best report does not (转移了多少人) from the other, grouped under its title", async () => {
    const question = await readQuestion("北京这轮强降雨，全市降水总量是多少？全市转移了多少人？");
    const { passages } = await app.retriever.retrieve(question.search, { k: 5 });
    // The other report without its sentences on the total, so that the first report's is the best evidence.
    const retrieved = passages.filter((p) => p.articleId.startsWith("crud-224")).map((p) => (p.articleId === "crud-22475" ? { ...p, text: p.text.replace(/[^。\n]*降水总量[^。\n]*。/gu, "") } : p));
    expect(new Set(retrieved.map((p) => p.articleId))).toEqual(new Set(["crud-22483", "crud-22475"]));
    const r = await createExtractiveAnswerer(app.terms, storeWeights(app.generation.store)).compose(question, retrieved);
    expect(r.answered).toBe(true);
    // Grouped by article, each under its date and title.
    const [first, second] = r.text.split("\n");
    expect(first).toContain("降水总量8.53亿立方米");
    expect(second).toContain("全市转移受威胁人员2227户、5688人。");
  });
});

/** Two daily reports of the same kind: a question pinned to another day's figures is not answered by them. */
describe("extractive answers to questions pinned to a day or a figure", () => {
  let app: App;
  const report = (id: string, day: number, rate: string, gold: string) => ({
    id,
    title: `8月${day}日人民币汇率中间价公布`,
    published_raw: `2023-08-0${day}`,
    text: `中国外汇交易中心公布，2023年8月${day}日银行间外汇市场人民币汇率中间价为1美元对人民币${rate}元。当日上海黄金交易所黄金收于每克${gold}元，市场交投平稳。分析人士表示，近期人民币汇率将在合理均衡水平上保持基本稳定。`,
  });
  beforeAll(async () => {
    app = await openApp(testConfig({ DATA_DIR: articlesDir([report("fx-4", 4, "7.1418", "451.20"), report("fx-7", 7, "7.1565", "452.85")]) }), silentLogger, { embedder: null });
  }, 60_000);
  afterAll(() => app.close());

  it("answers from the report of the day asked", async () => {
    const r = await app.ask("8月7日人民币对美元汇率中间价是多少？");
    expect(r.answered).toBe(true);
    expect(r.answer).toContain("7.1565");
    expect(r.citations.map((c) => c.articleId)).toEqual(["fx-7"]);
  });

  it("refuses a question about a period no article is from over all dates, showing what is related", async () => {
    const r = await app.ask("2019年人民币汇率中间价调高了多少个基点？");
    expect(r.answered).toBe(false);
    // Searched again over all dates: the refusal is the composer's, with the reports it read.
    expect(r.refusal).not.toBe("no-passages");
    expect(r.related.length).toBeGreaterThan(0);
  });

  it("refuses a day no report is about, and a figure no report holds, rather than answer from another day", async () => {
    expect((await app.ask("8月9日人民币对美元汇率中间价是多少？")).answered).toBe(false);
    expect((await app.ask("黄金收于每克453.10元那天，人民币汇率中间价是多少？")).answered).toBe(false);
    expect((await app.ask("黄金收于每克451.20元那天，人民币汇率中间价是多少？")).answer).toContain("7.1418");
  });
});

/**
 * Three reports of figures: one gives a half-year's, one quarter's and the year before's (a question
 * on another quarter or year is not answered by them); one gives two parts' values in clauses of a
 * long sentence far apart; one gives two figures asked of in turn in sentences apart.
 */
describe("extractive answers on a year and a part of it, to things asked of in turn, and from a long sentence that answers two parts", () => {
  let app: App;
  beforeAll(async () => {
    const report = {
      id: "hx-1",
      title: "华兴环保发布2023年半年报",
      published_raw: "2023-08-20",
      text: "华兴环保2023年半年报显示，公司上半年主营收入3.65亿元，同比下降3.2%。其中第二季度单季主营收入2.05亿元，同比下降7.99%。2022年全年，公司主营收入7.12亿元，净利润0.86亿元。公司表示，下一步将继续拓展危废处置业务，提升资源化利用水平。",
    };
    const book = {
      id: "book-1",
      title: "《江海馆藏文物精选》第一辑新书发布",
      published_raw: "2023-08-18",
      text: "8月18日，《江海馆藏文物精选》（第一辑）新书发布会在南通举行。该书收录馆藏文物共计126件/套，已通过《南通市第一批珍贵文物名录》经专家组逐件鉴定后向社会公布，均为一级文物，分别收藏于南通博物苑、南通纺织博物馆（中国近代纺织工业展示中心）、张謇纪念馆、南通城市博物馆（南通革命历史陈列馆）、如皋市博物馆（如皋水绘园管理处）、海安市博物馆、启东市博物馆、海门区博物馆等8家场馆。书中还附有每件文物的历史背景简要介绍。",
    };
    const results = {
      id: "xc-1",
      title: "星辰科技发布2023年半年报",
      published_raw: "2023-08-22",
      text: "星辰科技发布2023年半年报。公司上半年实现归母净利润1.2亿元，同比增长15.3%。报告期内，公司研发投入8600万元，占营业收入比重7.1%。公司上半年营业收入12.6亿元，同比增长9.8%。公司表示，下半年将继续完善员工激励机制，加大海外市场开拓力度。",
    };
    app = await openApp(testConfig({ DATA_DIR: articlesDir([report, book, results]) }), silentLogger, { embedder: null });
  }, 60_000);
  afterAll(() => app.close());

  it("gives each thing asked of in turn its value (营业收入和归母净利润分别是多少), and counts one the article gives no value as not covered", async () => {
    const both = await app.ask("星辰科技2023年上半年营业收入和归母净利润分别是多少？");
    expect(both.answer).toContain("12.6亿元");
    expect(both.answer).toContain("1.2亿元");
    // The article names 员工 but gives no number of them: the answer is partial, whatever its confidence.
    const question = await readQuestion("星辰科技上半年归母净利润和员工人数分别是多少？");
    const { passages } = await app.retriever.retrieve(question.search, { k: 5 });
    const partly = await createExtractiveAnswerer(app.terms, storeWeights(app.generation.store), undefined, { ...DEFAULT_EXTRACTIVE_OPTIONS, minAnswerable: 0 }).compose(question, passages);
    expect(partly.answered).toBe(true);
    expect(partly.text).toContain("1.2亿元");
    expect(partly.uncovered).toBe(1);
  });

  it("answers the quarter and the half the report gives", async () => {
    expect((await app.ask("华兴环保2023年第二季度主营收入是多少？")).answer).toContain("2.05亿元");
    expect((await app.ask("华兴环保2023年上半年主营收入是多少？")).answer).toContain("3.65亿元");
  });

  it("refuses the quarter it does not give, rather than answer with the half's or another quarter's figure", async () => {
    expect((await app.ask("华兴环保2023年一季度主营收入是多少？")).answered).toBe(false);
  });

  it("does not answer a question on a year with another year's figure", async () => {
    expect((await app.ask("华兴环保2022年主营收入是多少？")).answer).toContain("7.12亿元");
    const r = await app.ask("华兴环保2023年净利润是多少？");
    expect(r.answer).not.toContain("0.86亿元");
  });

  it("keeps each part's value when a long sentence is cut to its clauses that matter", async () => {
    const r = await app.ask("《江海馆藏文物精选》第一辑收录了多少件文物？分藏在几家场馆？");
    expect(r.answered).toBe(true);
    expect(r.answer).toContain("126件");
    expect(r.answer).toContain("8家场馆");
  });
});

/** Questions that ask two things, each in its own kind: a day and a count, a person and a count, a count and a sum worded differently, two counts in one clause. */
describe("extractive answers to a question with parts of different kinds", () => {
  let app: App;
  beforeAll(async () => {
    // id, title, date, text
    const articles = [
      ["close-1", "华安电器公司宣布解散", "2023-08-16", "成立38年的华安电器公司决定结束经营，该公司高峰期员工达到2万人，厂区面积较大，曾为多个知名品牌代工生产。经股东会决议，公司拟于9月30日结束经营，届时员工劳动合同依法终止。公司表示将按规定支付经济补偿金。当地人社部门已介入，帮助员工再就业。"],
      ["team-1", "“银发帮帮团”工作室揭牌", "2023-07-29", "7月28日上午，滨江区星光街道星光社区“银发帮帮团”工作室正式揭牌。据了解，这支成立于2021年5月的志愿服务队目前共有成员25人，平均年龄超过65岁。街道党工委委员陈明表示，将以此次揭牌为契机，从技能培训、队伍壮大等方面给予支持。服务队队长刘桂芳介绍，陪伴独居老人一直是服务队的主要内容之一。"],
      ["fine-1", "莱阳高速交警查获一辆超员面包车", "2023-08-05", "8月4日17时许，莱阳高速交警大队民警在莱阳收费站查获一辆超员面包车，经检查，该车核载7人，实载12人。原来车上是刚下班的工人，驾驶员图方便抱着侥幸心理上了高速。对于这起超员违法行为，民警依法对驾驶员作出罚款200元、记6分的处罚，并责令其安排其他车辆接走多出的乘客。高速交警提醒，超员车辆一旦发生事故后果严重。"],
      ["paper-1", "大学生志愿者向剪纸艺人学艺", "2023-08-04", "8月3日，青年志愿者服务队在东山村拜访了剪纸传承人——李秀英，并向她学习剪纸技艺。东山村剪纸是一种古老的民间艺术，深受群众喜爱。剪纸传承人李秀英向青年志愿者们介绍了东山村剪纸的历史。李秀英是东山村剪纸传承人，从事剪纸已有50年。随后，她现场创作的《百鸟朝凤》作品线条流畅，栩栩如生。青年志愿者服务队队员们纷纷拿起剪刀，在东山村尝试剪纸。东山村党支部书记表示，欢迎青年志愿者服务队常来东山村拜访剪纸传承人。"],
      ["show-1", "市文化馆举办民间艺术展", "2023-08-06", "8月5日，市文化馆举办民间艺术展，展出刺绣、木雕作品200余件。多位艺人进行了现场表演，吸引市民前来观看。"],
      ["expo-1", "第十届江海博览会将于9月举办", "2023-08-15", "记者从新闻发布会获悉，第十届江海博览会将于9月6日至10日在南通举办，届时将有4500家企业参展。作为区域经贸合作的“金字招牌”，江海博览会已成功举办9届，累计超200万人参观采购，合作意向金额超300亿元。第十届江海博览会展览分为智能制造、海洋经济等板块，南通市副市长在发布会上介绍了第十届江海博览会的筹备情况。本届博览会规模空前，面积扩展到3.6万平方米；新增了香港展馆。欢迎各界人士前来观展。"],
      ["dike-1", "青河镇干群合力抢险", "2023-08-02", "近日，受强降雨影响，青河水位暴涨超过警戒线。8月1日早6时，青河镇南村东侧河堤出现决口，宽约20米，镇里立即成立临时指挥部，组织附近村庄抢险队伍上堤抢险。几十名干部群众纷纷下水，用身体组成一堵人墙。在各方通力配合下，当日下午5时决口被堵住，险情排除。目前，该镇正在对河堤进行加固。"],
      ["gift-1", "东海市送清凉暖人心", "2023-08-14", "近日，由东海市总工会主办的“碧海丹心·同心同行”关爱户外劳动者服务月活动正式启动。活动期间，全市200余名志愿者共同行动，为在户外工作的快递小哥、外卖骑手送上清凉大礼包。打开一份清凉礼包，可以看到里面有毛巾、矿泉水、藿香正气水等日用品。清凉大礼包由东海市总工会统一采购，志愿者将清凉大礼包派送到户外劳动者手中。关爱户外劳动者服务月期间，志愿者还将参与派送防暑药品。据悉，这样的六件套大礼包，本次活动共准备了3000份。下一步，东海市总工会将持续开展各种形式的关爱活动20场，在全社会营造关心、善待户外劳动者的浓厚氛围。"],
      ["tiger-1", "北山东北虎林园迎来新成员", "2023-08-09", "8月8日，北山东北虎林园新出生的幼虎首次与游客见面。1990年，北山县建立了东北虎人工繁育基地，建立之初仅有8只种虎。经过30多年的发展，目前该基地东北虎的数量已突破1000只。林园负责人表示，将继续做好东北虎的繁育和野化训练工作。"],
      ["bus-1", "公交司机突发心梗停稳车", "2023-07-24", "7月21日上午，南湖市环线快客K3的公交司机王建国突发心梗，坚持将载有十几名乘客的公交车平稳停在路边，乘客拨打120将他送往医院。遗憾的是，王建国经抢救无效去世，终年52岁。王建国是南湖市快速公交公司4车队的驾驶员，从业已有20年。"],
      ["leader-1", "清溪镇老镇长退休", "2023-08-02", "8月1日，清溪镇召开干部大会，宣布镇长周德顺退休。现年60岁的周德顺在会上作了简短讲话，感谢全镇干部群众多年来的支持。会上，大家回顾了已经主政清溪镇12年的周德顺带领全镇修路建桥的经历。新任镇长将于近期到任。"],
    ].map(([id, title, published_raw, text]) => ({ id: id!, title: title!, published_raw: published_raw!, text: text! }));
    app = await openApp(testConfig({ DATA_DIR: articlesDir(articles) }), silentLogger, { embedder: null });
  }, 60_000);
  afterAll(() => app.close());

  // Each case: what it shows, the question, and the exact answer or the sentences the answer must hold.
  const cases: { what: string; q: string; answer?: string; holds?: string[] }[] = [
    { what: "gives a part the article words differently (司机 for 驾驶员) the sentence of its article with a value in the unit asked (多少钱 → 元)", q: "莱阳收费站查获的超员面包车核载几人？司机被罚了多少钱？", holds: ["该车核载7人，实载12人。[1]", "民警依法对驾驶员作出罚款200元、记6分的处罚"] },
    { what: "gives a part whose compound word (现场表演) the article writes only in part (现场创作的…作品) the sentence that says it", q: "青年志愿者服务队在东山村拜访的剪纸传承人是谁？她现场表演了什么作品？", holds: ["剪纸传承人——李秀英", "随后，她现场创作的《百鸟朝凤》作品线条流畅，栩栩如生。"] },
    // Not the sentence that only repeats the part's other word (展览分为…板块).
    { what: "gives a part that asks an area (面积有多大) the sentence in square metres, not one that only shares its other word", q: "第十届江海博览会什么时候举办？展览面积有多大？", answer: "记者从新闻发布会获悉，第十届江海博览会将于9月6日至10日在南通举办，届时将有4500家企业参展。[1]作为区域经贸合作的“金字招牌”，江海博览会已成功举办9届，累计超200万人参观采购，合作意向金额超300亿元。[1]本届博览会规模空前，面积扩展到3.6万平方米；[1]" },
    { what: "reads 多宽 as asking, so a question that asks how wide and then when has two parts", q: "青河镇南村河堤决口有多宽？什么时候堵住的？", holds: ["宽约20米", "当日下午5时决口被堵住，险情排除。"] },
    // Not the opening sentence, which only repeats the event's name.
    { what: "gives a part the sentence with its value beside one of the words it asks about (准备 of 准备了多少份清凉大礼包), when none has both, before one that only repeats the event's name", q: "“碧海丹心·同心同行”关爱户外劳动者服务月准备了多少份清凉大礼包？有多少名志愿者参与派送？", answer: "活动期间，全市200余名志愿者共同行动，为在户外工作的快递小哥、外卖骑手送上清凉大礼包。[1]据悉，这样的六件套大礼包，本次活动共准备了3000份。[1]下一步，东海市总工会将持续开展各种形式的关爱活动20场，在全社会营造关心、善待户外劳动者的浓厚氛围。[1]" },
    { what: "gives a later part asking the same unit as the first (几只…？多少只？) a sentence with a value of its own, not the first part's again", q: "北山那个东北虎繁育基地刚建的时候只有几只种虎？现在有多少只？", holds: ["建立之初仅有8只种虎", "目前该基地东北虎的数量已突破1000只"] },
    { what: "answers both things a clause asks when the subject comes before its comma (…的公交司机，叫什么、去世时多大)", q: "南湖那个把公交车停在路边的公交司机，叫什么、去世时多大？", holds: ["王建国", "终年52岁"] },
    { what: "answers each of two things one clause asks in turn (现年多少岁、已经执政多少年)", q: "清溪镇镇长周德顺现年多少岁、已经主政多少年？", holds: ["现年60岁的周德顺", "已经主政清溪镇12年"] },
    { what: "gives the part that asks a day the sentence with the date, though the count's sentence holds its words and a count of years (成立38年)", q: "华安电器公司决定哪天结束经营？高峰期员工有多少人？", answer: "成立38年的华安电器公司决定结束经营，该公司高峰期员工达到2万人，厂区面积较大，曾为多个知名品牌代工生产。[1]经股东会决议，公司拟于9月30日结束经营，届时员工劳动合同依法终止。[1]" },
    { what: "gives the part that asks who the sentence with a name beside the word asked (队长), though the part's place and team are named elsewhere", q: "滨江区星光街道星光社区“银发帮帮团”志愿服务队的队长是谁？队伍目前有多少名成员？", answer: "据了解，这支成立于2021年5月的志愿服务队目前共有成员25人，平均年龄超过65岁。[1]服务队队长刘桂芳介绍，陪伴独居老人一直是服务队的主要内容之一。[1]" },
  ];
  for (const c of cases) {
    it(c.what, async () => {
      const r = await app.ask(c.q);
      if (c.answer !== undefined) expect(r.answer).toBe(c.answer);
      for (const part of c.holds ?? []) expect(r.answer).toContain(part);
    });
  }

  it("marks unsure an answer that gives one part its value and none the other (补偿金 is named, never an amount)", async () => {
    const partial = await app.ask("华安电器公司决定哪天结束经营？给员工的经济补偿金是多少钱？");
    expect(partial.answered).toBe(true);
    expect(partial.answer).toContain("公司拟于9月30日结束经营");
    expect(partial.unsure).toBe(true);
    const whole = await app.ask("华安电器公司决定哪天结束经营？高峰期员工有多少人？");
    expect(whole.unsure).toBe(false);
  });
});

/** Points a speech makes one sentence each (一是…二是…三是…), announced by the sentence that answers 哪几个方面. */
describe("extractive answers that list the points a sentence announces", () => {
  let app: App;
  beforeAll(async () => {
    const article = {
      id: "points-1",
      title: "清河县召开优化营商环境推进会",
      published_raw: "2023-08-10",
      text: "8月10日，清河县召开优化营商环境推进会。县委书记王建国在会上强调，优化营商环境要重点抓好三个方面的工作。一是提升政务服务效率，推行“一网通办”，让企业少跑腿。二是强化要素保障，在用地、用能、融资等方面给予支持。三是加强法治保障，依法保护企业合法权益。会议还通报了上半年全县营商环境评价结果。",
    };
    const ordinals = {
      id: "points-2",
      title: "柳河县部署防汛工作",
      published_raw: "2023-07-28",
      text: "7月27日，柳河县召开防汛工作会议。会议指出，做好今年防汛工作要把握三点。第一，压实防汛责任，各乡镇主要负责人要靠前指挥。第二、加强雨情监测，及时发布预警信息。第三，做好群众转移，确保不漏一户一人。县长李文涛第一次参加防汛会议。",
    };
    app = await openApp(testConfig({ DATA_DIR: articlesDir([article, ordinals]) }), silentLogger, { embedder: null });
  }, 60_000);
  afterAll(() => app.close());

  it("shows each point by its first clause after the sentence that announces them", async () => {
    const r = await app.ask("清河县委书记王建国在优化营商环境推进会上强调要重点抓好哪三个方面的工作？");
    expect(r.answer).toBe("县委书记王建国在会上强调，优化营商环境要重点抓好三个方面的工作。[1]一是提升政务服务效率。[1]二是强化要素保障。[1]三是加强法治保障。[1]");
  });

  it("reads ordinals written with either mark (第一，第二、) as one run, each point with its clause", async () => {
    const r = await app.ask("柳河县防汛工作会议指出做好今年防汛工作要把握哪三点？");
    expect(r.answer).toBe("会议指出，做好今年防汛工作要把握三点。[1]第一，压实防汛责任。[1]第二、加强雨情监测。[1]第三，做好群众转移。[1]");
  });

  it("shows no points for a question that does not ask for them", async () => {
    const r = await app.ask("清河县优化营商环境推进会是哪天召开的？");
    expect(r.answer).not.toContain("一是");
  });
});

/** A sentence that says how many items there are (推出4条线路) is followed by the items: a 哪4条 question gets them. */
describe("extractive answers that show the items a sentence announces by their count", () => {
  let app: App;
  beforeAll(async () => {
    const routes = {
      id: "items-1",
      title: "东台市发布夏季文旅消费季活动安排",
      published_raw: "2023-08-05",
      text: "8月5日，东台市发布夏季文旅消费季活动安排。本次消费季共推出4条精品旅游线路。这些线路包括条子泥湿地线、黄海森林线、安丰古镇线和西溪文化线。活动期间，全市景区门票实行优惠。",
    };
    const numbered = {
      id: "items-2",
      title: "梁垛镇社区招募防汛志愿者",
      published_raw: "2023-07-20",
      text: "梁垛镇社区近日招募防汛志愿者，报名者须满足3个条件：1.年满18周岁；2.身体健康；3.无违法犯罪记录。报名截止到7月31日。",
    };
    app = await openApp(testConfig({ DATA_DIR: articlesDir([routes, numbered]) }), silentLogger, { embedder: null });
  }, 60_000);
  afterAll(() => app.close());

  it("shows the sentence that names the items after the one that counts them", async () => {
    const r = await app.ask("东台市夏季文旅消费季推出了哪4条精品旅游线路？");
    expect(r.answer).toBe("本次消费季共推出4条精品旅游线路。[1]这些线路包括条子泥湿地线、黄海森林线、安丰古镇线和西溪文化线。[1]");
  });

  it("shows each numbered item, one sentence each, said with another measure word than the question's", async () => {
    const r = await app.ask("梁垛镇社区招募防汛志愿者，报名要满足哪三项条件？");
    expect(r.answer).toBe("梁垛镇社区近日招募防汛志愿者，报名者须满足3个条件：1.年满18周岁；[1]2.身体健康；[1]3.无违法犯罪记录。[1]报名截止到7月31日。[1]");
  });
});

/** A page that lost its punctuation runs sentences hundreds of characters long, which no clause mark can cut. */
describe("answers from pages without punctuation stay short", () => {
  const filler = "民警提醒广大市民要提高防范意识不轻信陌生来电不点击陌生链接不向陌生账户转账";
  const runOn = `${filler.repeat(4)}随后蒙女士向指定账户转账38.6万元却被告知额度不足${filler.repeat(6)}。`;

  it("cuts a sentence several times too long to the window that holds the answer", () => {
    const cut = shorten(runOn, 150, () => 0, "38.6万元");
    expect(cut).toContain("38.6万元");
    expect([...cut].length).toBeLessThanOrEqual(2.5 * 150 + 2);
    expect(cut.endsWith("…")).toBe(true);
  });

  it("drops the last sentences until the answer fits, keeping the first", () => {
    const sentences = ["甲".repeat(250), "乙".repeat(250), "丙".repeat(30)];
    expect(fitted(sentences, (s) => s.join(""), 460)).toBe("甲".repeat(250));
    expect(fitted(sentences.slice(2), (s) => s.join(""), 460)).toBe("丙".repeat(30));
    expect(fitted([runOn], (s) => s.join(""), 10)).toBe(runOn);
  });
});

describe("the refusal threshold of questions asked in English", () => {
  let app: App;
  beforeAll(async () => {
    app = await openApp(testConfig({ MIN_ANSWER_CONFIDENCE_ENGLISH: "0.99" }), silentLogger, { embedder: null });
  });
  afterAll(() => app.close());

  it("refuses below MIN_ANSWER_CONFIDENCE_ENGLISH an English question whose Chinese twin is answered", async () => {
    const en = await app.ask("Which companies did Shi Zhijun visit in Jinhu?");
    expect(en.answered).toBe(false);
    expect(en.refusal).toBe("confidence");
    expect((await app.ask("史志军在金湖调研特色优势产业时去了哪些企业？")).direct).toBe(
      "江苏金石机械集团有限公司、支点石油科技有限责任公司、江苏红光仪表厂有限公司、江苏正贤自控设备集团有限公司、江苏元感微电子有限公司",
    );
  }, 60_000);
});

/** Checks that refuse evidence, and what they let through: the asked noun beside the value, and the names an article must hold. */
describe("extractive answers past a best sentence without the asked noun, and without the tagger's guessed names", () => {
  let app: App;
  beforeAll(async () => {
    // Hundreds of passages hold 网约车, which jieba does not know (x): a common word, not a name an article must hold.
    const fillers = Array.from({ length: 120 }, (_, i) => ({
      id: `car-${i}`,
      title: `第${i + 1}批网约车完成备案`,
      published_raw: "2023-08-01",
      text: `本市第${i + 1}批网约车已经完成备案，共有${100 + i}辆网约车可以上路运营，市民出行更加方便。${i % 10 === 0 ? "加州也有类似做法。" : ""}`,
    }));
    const articles = [
      ["dog-1", "加利福尼亚州警犬咬伤投降司机引发争议", "2023-08-10", "据报道，这起事件发生在美国加利福尼亚州，2020年12月8日晚上，42岁的埃及移民阿里·巴德尔（Ali Badr）正在开车送客，他举手投降后仍被警犬咬伤。当地警方表示将调查此事。"],
      ["law-1", "健身馆遭差评能否要求平台删除", "2023-08-09", "前不久，周宇龙律师接到一则咨询：当事人经营的健身馆在点评平台上收到差评，想让平台删除这条消费者评价。\n周宇龙律师首先向当事人说明，点评平台不得删除消费者评价，根据《消费者权益保护法》第十五条，消费者享有对商品和服务进行监督的权利。\n当事人随后又咨询了维权的途径。\n另外，《电子商务法》第三十九条规定，电子商务平台经营者应当建立健全信用评价制度，公示信用评价规则。"],
    ].map(([id, title, published_raw, text]) => ({ id: id!, title: title!, published_raw: published_raw!, text: text! }));
    app = await openApp(testConfig({ DATA_DIR: articlesDir([...articles, ...fillers]) }), silentLogger, { embedder: null });
  }, 60_000);
  afterAll(() => app.close());

  it("answers from a lower-ranked sentence that stands by the asked noun (电子商务法) when the best one's number is another law's", async () => {
    const r = await app.ask("健身馆被点评平台差评来咨询，周宇龙律师引用《电子商务法》第几条说平台不得删除消费者评价？");
    expect(r.answered).toBe(true);
    expect(r.answer.startsWith("另外，《电子商务法》第三十九条规定")).toBe(true);
    expect(r.citations.map((c) => c.articleId)).toEqual(["law-1"]);
  });

  it("does not hold against an article a word the tagger guesses is a name (网约车/x) that hundreds of passages hold", async () => {
    const r = await app.ask("美国加州有个网约车司机举手投降了还被警犬咬伤，这名司机叫什么名字？");
    expect(r.answered).toBe(true);
    expect(r.answer).toContain("阿里·巴德尔（Ali Badr）");
  });
});
