import { describe, expect, it } from "vitest";
import { chunkArticle } from "../../src/ingest/chunk.js";
import { cleanDocument } from "../../src/ingest/clean.js";
import { splitSentences } from "../../src/text/sentences.js";
import { seedDoc } from "../helpers.js";

/** What a reader of each seed page sees as its metadata and first body sentence. */
const EXPECTED = {
  "000_5265b86b2bb2d65e.txt": {
    title: "市領導在金湖調研特色優勢產業培育工作",
    published: "2026-01-25",
    publishedRaw: "2026-01-25 13:43",
    source: "淮安日報",
    reporter: "葉列",
    first: "昨日,市委書記史志軍在金湖縣調研特色優勢產業培育工作。",
    paragraphs: 5,
    chunks: [[0, 354], [241, 578], [496, 873], [843, 1013]],
  },
  "001_9102397643b9cae0.txt": {
    title: "市產業園區項目載體建設現場推進會與會人員來亭觀摩",
    published: null,
    publishedRaw: null,
    source: null,
    reporter: "呂正龍",
    first: "8月23日至24日,全市第十八次產業園區項目載體建設現場推進會召開。",
    paragraphs: 5,
    chunks: [[0, 254], [184, 383], [255, 645], [603, 948], [894, 1263], [1207, 1323]],
  },
  "002_ebd02ef0dddc0939.txt": {
    title: "市委市政府舉行2024年第二次重特大產業項目攻堅拉練",
    published: "2024-07-24",
    publishedRaw: "2024-07-24 10:33",
    source: null,
    reporter: "葉列、唐筱葳、劉夢、譚鑫、趙啟瑞；通訊員 華明剛",
    first: "昨日,市委市政府舉行2024年第二次重特大產業項目攻堅拉練,市委書記史志軍、市長顧坤、市政協主席戚壽余分別帶隊,分三組赴8個縣區園區,用一整天時間,實地觀摩全市58個制造業項目,現場聽取各地今年以來項目引建工作匯報及下一步工作打算。",
    paragraphs: 7,
    chunks: [[0, 235], [116, 452], [403, 720], [632, 1002], [922, 1076], [1002, 1378], [1294, 1461], [1378, 1584]],
  },
  "003_a889f4cb870d6376.txt": {
    title: "对标一流推动产业做大做强 高点定位实现链式集聚发展",
    published: "2023-04-25",
    publishedRaw: "2023-04-25",
    source: "如东日报",
    reporter: null,
    first: "三天时间里,县党政代表团先后考察了苏南、浙江20多个参观点,学习借鉴他们在产业发展方面的先进经验和成功做法。",
    paragraphs: 8,
    chunks: [[0, 201], [139, 361], [330, 621], [571, 799], [755, 1086], [973, 1305], [1227, 1607], [1541, 1876]],
  },
  "004_fc22e45bb4ab6a52.txt": {
    title: "市領導現場督辦政協重點提案",
    published: null,
    publishedRaw: null,
    source: "淮安日報",
    reporter: "楊丹丹",
    first: "昨日,市委書記史志軍現場督辦政協重點提案,對“加快壯大新能源產業集群 賦能發展高質量縣域經濟”提案進行專題推進和督辦。",
    paragraphs: 5,
    chunks: [[0, 198], [178, 346], [199, 568], [485, 830], [815, 1112]],
  },
} as const;

const FURNITURE = [
  "首頁", "首页", "您现在的位置", "發布時間", "发布时间", "關注度", "評 論", "轉 發", "收 藏", "打 印", "導讀", "聲明", "淮安114網",
  "推薦新聞", "新聞搜索", "新聞中心", "上一条", "下一条", "Copyright", "版权所有", "联系电话", "打造网上国际投资促进平台",
  "无须注册", "無須注冊", "■", "淮安日報訊", "來源", "发布开发区",
];

describe.each(Object.entries(EXPECTED))("cleanDocument(%s)", (file, expected) => {
  const article = cleanDocument(seedDoc(file));

  it("extracts title, date, source and reporter", () => {
    expect({
      title: article.title,
      published: article.published,
      publishedRaw: article.publishedRaw,
      source: article.source,
      reporter: article.reporter,
    }).toEqual({
      title: expected.title,
      published: expected.published,
      publishedRaw: expected.publishedRaw,
      source: expected.source,
      reporter: expected.reporter,
    });
  });

  it("starts the body with the first sentence of the article", () => {
    const [first] = splitSentences(article.text);
    expect(article.text.slice(first?.start, first?.end)).toBe(expected.first);
    expect(article.text.split("\n")).toHaveLength(expected.paragraphs);
  });

  it("leaves no pinyin annotation and no page furniture", () => {
    expect(article.text).not.toMatch(/[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü ]+[)）]/);
    for (const furniture of FURNITURE) expect(article.text).not.toContain(furniture);
    expect(article.text).not.toContain(article.title + "\n");
  });

  it("keeps the lead only once", () => {
    const opening = expected.first.slice(0, 20);
    expect(article.text.split(opening)).toHaveLength(2);
  });

  it("chunks at the expected sentence boundaries", () => {
    const chunks = chunkArticle(article);
    expect(chunks.map((c) => [c.start, c.end])).toEqual(expected.chunks);
    chunks.forEach((c, i) => {
      expect(c).toMatchObject({ articleId: article.id, ordinal: i, text: article.text.slice(c.start, c.end) });
      // Whole sentences: a chunk ends at a terminator (or the end of a paragraph) and starts a sentence.
      expect(c.text).toMatch(/[。！？；…”」]$/);
      const starts = splitSentences(article.text).map((s) => s.start);
      expect(starts).toContain(c.start);
    });
  });
});

describe("cleanDocument on other shapes", () => {
  it("titles a JSON record without a title by its first sentence and keeps its id and date", () => {
    const article = cleanDocument({
      id: "crud-00001",
      origin: "x.jsonl:2",
      text: "IT之家 8 月 16 日消息，京东集团今日发布 Q2 财报，2023 年第二季度的营收为 2879 亿元人民币。",
      format: "json",
      title: null,
      publishedRaw: "2023-08-16 18:22:06",
      source: null,
      url: "https://example.org/a",
    });
    expect(article).toEqual({
      id: "crud-00001",
      title: "IT之家 8 月 16 日消息，京东集团今日发布 Q2 财报…",
      published: "2023-08-16",
      publishedRaw: "2023-08-16 18:22:06",
      source: null,
      reporter: null,
      url: "https://example.org/a",
      text: "IT之家 8 月 16 日消息，京东集团今日发布 Q2 财报，2023 年第二季度的营收为 2879 亿元人民币。",
    });
  });

  it.each([
    [
      "方便面的确存在油、盐含量高的问题。只是要注意不要大量、长期、单一地吃。(来源：@科学辟谣 @中国新闻网 )    【编辑:张曦】          更多精彩内容请进入健康·生活频道",
      "方便面的确存在油、盐含量高的问题。只是要注意不要大量、长期、单一地吃。",
      "@科学辟谣",
    ],
    ["恭喜跳水梦之队！继续加油！  来源：人民日报微博，制作：徐丹、巩晗  【编辑:张子怡】     更多精彩内容请进入体育频道", "恭喜跳水梦之队！继续加油！", "人民日报微博"],
    ["喀什机场更名为喀什徕宁国际机场。现予以公告。    图片来源：民政部网站截图  【编辑:于晓】", "喀什机场更名为喀什徕宁国际机场。现予以公告。", null],
  ])("keeps a one-line article whose line ends in its meta: %s", (text, body, source) => {
    const article = cleanDocument({ id: "x", origin: "x", text, format: "json", title: null, publishedRaw: null, source: null, url: null });
    expect([article.text, article.source]).toEqual([body, source]);
  });

  it.each([
    [
      "http://www.gd.chinanews.com    2023年05月22日 10:33    来源：中新网广东，正文：中新网广东新闻5月21日电 广州举行推介会。",
      "2023-05-22",
      "中新网广东",
      "中新网广东新闻5月21日电 广州举行推介会。",
    ],
    ["[              2023/07/20  16:08              ]，正文：中国经济网北京7月20日讯\u00a0今日，人民币兑美元中间价报7.1466。", "2023-07-20", null, "中国经济网北京7月20日讯\u00a0今日，人民币兑美元中间价报7.1466。"],
    ["      2023-07-20 16:08:52 新华社北京电 会议在京举行。", "2023-07-20", null, "新华社北京电 会议在京举行。"],
    // A date in a sentence (no time of day) is what the article says, not when it was published.
    ["截至2023年6月30日，公司股东户数为1万户。", null, null, "截至2023年6月30日，公司股东户数为1万户。"],
  ])("takes a page header run into the first line as the date and source, not as text: %s", (text, published, source, body) => {
    const article = cleanDocument({ id: "x", origin: "x", text, format: "json", title: null, publishedRaw: null, source: null, url: null });
    expect([article.published, article.source, article.text]).toEqual([published, source, body]);
  });

  it("keeps a record's own date over its page header's", () => {
    const article = cleanDocument({ id: "x", origin: "x", text: "[ 2023/07/20 16:08 ]，正文：今日，人民币兑美元中间价报7.1466。", format: "json", title: null, publishedRaw: "2023-07-21 09:00", source: null, url: null });
    expect([article.published, article.text]).toEqual(["2023-07-21", "今日，人民币兑美元中间价报7.1466。"]);
  });

  it("strips scripts, styles and tags from HTML and takes the title from <title>", () => {
    const article = cleanDocument({
      id: "page",
      origin: "page.html",
      text: `<html><head><title>金湖县仪表产业 - 淮安新闻网</title><style>p{color:red}</style></head>
<body><script>alert("x")</script><nav>首页 &gt; 新闻</nav><p>金湖县仪表产业已聚集经营主体近2000家。</p><p>发布时间：2024-05-01 09:00</p>
<p>产业园获批&quot;全省首家&quot;。</p><footer>Copyright 2024</footer></body></html>`,
      format: "html",
      title: null,
      publishedRaw: null,
      source: null,
      url: null,
    });
    expect(article.title).toBe("金湖县仪表产业");
    expect(article.published).toBe("2024-05-01");
    expect(article.text).toBe('金湖县仪表产业已聚集经营主体近2000家。\n产业园获批"全省首家"。');
  });
});
