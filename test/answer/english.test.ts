import { describe, expect, it } from "vitest";
import { chineseDate, createEnglishReader, nameCandidates, nameTests, splitPinyin, type CorpusCounts } from "../../src/answer/english.js";
import { createTerms } from "../../src/text/terms.js";

/** Corpus counts over a few sentences: a word or bigram is counted once per sentence that holds it. */
function countsOf(sentences: readonly string[]): CorpusCounts {
  const count = (terms: readonly string[]) => new Map(terms.map((t) => [t, sentences.filter((s) => s.includes(t)).length]));
  return { words: count, grams: count };
}

/**
 * Corpus counts as the index keeps them: words are the segmenter's words of each sentence (洞庭湖,
 * never 庭湖), names are tested by its tags, and a phrase is counted as written.
 */
function segmentedCounts(sentences: readonly string[]): CorpusCounts {
  const terms = createTerms();
  const words = sentences.map((s) => new Set(terms.tag(s).map((t) => t.word)));
  return {
    ...countsOf(sentences),
    words: (ts) => new Map(ts.map((t) => [t, words.filter((w) => w.has(t)).length])),
    phrase: (w) => sentences.filter((s) => s.includes(w)).length,
    ...nameTests(terms),
  };
}

const CORPUS = countsOf([
  "市委书记史志军在金湖县调研特色优势产业培育工作",
  "史志军详细了解企业生产运行情况",
  "如东经济开发区两大特色产业风电装备安全防护",
  "淮安市委书记带队观摩项目，企业和公司代表参加",
]);

describe("romanized names", () => {
  it.each([
    ["Zhijun", ["zhi", "jun"]],
    ["Huai'an", ["huai", "an"]],
    ["xian", ["xian"]],
    ["Which", null],
  ])("splits %s into pinyin syllables", (word, syllables) => {
    expect(splitPinyin(word)).toEqual(syllables);
  });

  it("finds the corpus's spelling of a name from its bigrams", () => {
    expect(nameCandidates(["shi", "zhi", "jun"], CORPUS, 1)).toEqual([{ text: "史志军", support: 2 }]);
    expect(nameCandidates(["jin", "hu"], CORPUS, 1).map((c) => c.text)).toEqual(["金湖"]);
    expect(nameCandidates(["ru", "dong"], CORPUS, 1).map((c) => c.text)).toEqual(["如东"]);
    // A name the corpus does not hold has no spelling.
    expect(nameCandidates(["zhang", "wei", "guo"], CORPUS)).toEqual([]);
  });
});

describe("createEnglishReader", () => {
  it("reads names through the corpus and other words through CC-CEDICT, choosing translations the corpus uses", async () => {
    const read = await createEnglishReader(CORPUS);
    const r = read("Which companies did Shi Zhijun visit in Jinhu?");
    expect(r.search.split(" ")).toEqual(expect.arrayContaining(["史志军", "金湖"]));
    expect(r.search.split(" ").some((w) => w === "公司" || w === "企业")).toBe(true);
    // No translation of "visit" (访问, 参观 …) occurs in this small corpus: said, not guessed.
    expect(r.unmapped).toEqual(["visit"]);
    // Names spelled by their sounds carry the syllables, for the matching articles to respell them.
    expect(r.spelled).toEqual({ 史志军: ["shi", "zhi", "jun"], 金湖: ["jin", "hu"] });
  }, 60_000);

  it("spells a romanized name by the characters' usual readings, though a better-known word reads so in a rarer reading", async () => {
    // 乐 reads lao only in 乐亭 and 红 gong only in 女红: Laoshan is 崂山 and Gongyang 公羊, though 乐山 and 红阳 are more common.
    const counts = countsOf(["乐山市乐山大佛", "乐山旅游", "乐山", "红阳街道红阳社区", "红阳", "青岛崂山啤酒节", "公羊救援队转移群众"]);
    const read = await createEnglishReader(counts);
    expect(read("the beer festival in Laoshan").search.split(" ")).toContain("崂山");
    expect(read("the Gongyang rescue team").search.split(" ")).toContain("公羊");
  }, 60_000);

  it("reads a name of four words with a possessive as the dictionary's one entry (People's Bank of China → 中国人民银行)", async () => {
    const read = await createEnglishReader(countsOf(["中国人民银行今日下调利率", "中国银行发布公告", "人民群众"]));
    expect(read("What did the People's Bank of China cut the rate to?").search.split(" ")).toContain("中国人民银行");
  }, 60_000);

  it("keeps multi-word dictionary senses together and reports words it cannot read", async () => {
    const read = await createEnglishReader(CORPUS);
    const r = read("What are the characteristic industries of the Rudong development zone, xyzzy?");
    expect(r.search.split(" ")).toEqual(expect.arrayContaining(["如东", "特色", "产业"]));
    expect(r.unmapped).toEqual(["xyzzy"]);
  }, 60_000);

  it("keeps a word's other senses the corpus uses as alternates, the most used one searched", async () => {
    const read = await createEnglishReader(countsOf(["市领导在金湖县调研", "领导带队观摩项目", "如东经济开发区三大主导产业"]));
    const r = read("What are the leading industries of the Rudong development zone?");
    expect(r.search.split(" ")).toContain("领导");
    expect(r.alternates["领导"]).toContain("主导");
  }, 60_000);

  it("reads a word through a sense of its own, not the head of a description (three, set five remove two: 三下五除二)", async () => {
    const read = await createEnglishReader(countsOf(["三下五除二就修好了", "香港特区政府举行咨询会"]));
    expect(read("three counties").search).not.toContain("三下五除二");
    // A described name keeps its head: "Hong Kong, special administrative region …".
    expect(read("Hong Kong").search.split(" ")).toContain("香港");
  }, 60_000);

  it("reads a capitalized word before a name apart from it, and a name the dictionary translates as translated", async () => {
    const read = await createEnglishReader(countsOf([...["淮安市委书记带队观摩项目", "香港特区政府举行咨询会", "巴拿马运河限制船只通过", "洪空"]]));
    // "During" spells du-ri-ng in pinyin; no name is spelled so, and Huai'an is still read.
    expect(read("During Huai'an's tour").search.split(" ")).toContain("淮安");
    // Hong Kong is 香港, not the sounds hong and kong; Panama is 巴拿马.
    expect(read("Hong Kong SAR government").search.split(" ")).toContain("香港");
    expect(read("Panama Canal").search.split(" ")).toContain("巴拿马");
  }, 60_000);

  it("reads a place through its name, its level and rarer characters: 亭湖区 not 庭湖 (洞庭湖), 涉县 not 射线, 邯郸, 陕西", async () => {
    const sentences = ["盐城亭湖区召开现场推进会", "洞庭湖水位上涨", "洞庭湖防汛", "射线检测设备投产", "射线探伤", "河北邯郸涉县西戌镇", "陕西省安康市汉阴县"];
    const read = await createEnglishReader(segmentedCounts(sentences));
    // "District" after the name is its level, written as the corpus writes it: 亭湖区, not 亭湖 and 区域.
    expect(read("Which sites did they visit in Tinghu District?").search.split(" ")).toEqual(expect.arrayContaining(["亭湖区"]));
    expect(read("Which sites did they visit in Tinghu District?").search).not.toMatch(/庭湖|区域/);
    // 射线 (rays) and 涉县 both read she xian: the segmenter knows 涉县 as a place; 邯 and 郸 are not among the 3,500 common characters.
    const r = read("He grew up in Shexian county, Handan, and found his parents in Shaanxi.");
    expect(r.search.split(" ")).toEqual(expect.arrayContaining(["涉县", "邯郸"]));
    expect(r.search).not.toMatch(/射线|县城|县域/);
    // "Shaanxi province, …" in the dictionary: the name without its level is what "Shaanxi" says.
    expect(r.search.split(" ")).toContain("陕西省");
  }, 60_000);

  it("reads a word through its base form, irregular ones too (held → hold → 举行, cities → city → 城市)", async () => {
    const read = await createEnglishReader(countsOf(["会议在淮安举行", "城市更新行动"]));
    const r = read("When was the meeting held in those cities?");
    expect(r.search.split(" ")).toEqual(expect.arrayContaining(["举行", "城市"]));
    expect(r.unmapped).not.toContain("held");
  }, 60_000);

  it("reads a phrase through the base form of its first word as well (took part → take part → 参加)", async () => {
    const read = await createEnglishReader(countsOf(["五千名球员参加比赛", "采取措施", "扮演角色"]));
    const words = read("How many players took part?").search.split(" ");
    expect(words).toContain("参加");
    expect(words).not.toContain("角色");
  }, 60_000);

  it("marks what words written small translate to as common words, not names (things → 东西, but Hong Kong → 香港 is a name)", async () => {
    const read = await createEnglishReader(countsOf(["东西部协作", "香港特区政府"]));
    const r = read("What things did the Hong Kong government buy?");
    expect(r.common).toContain("东西");
    expect(r.common).not.toContain("香港");
  }, 60_000);

  it("reads a foreign person by the surname English uses (Musk → 马斯克, not 麝香; Buffett → 巴菲特 of 沃伦·巴菲特), a company without its kind of body (Microsoft → 微软)", async () => {
    const read = await createEnglishReader(countsOf(["马斯克表示", "马斯克说", "麝香", "巴菲特说", "微软公司发布", "微软和英伟达"]));
    expect(read("What did Musk say?").search.split(" ")).toContain("马斯克");
    expect(read("What did Buffett say?").search.split(" ")).toContain("巴菲特");
    expect(read("Which deal did Microsoft sign?").search.split(" ")).toContain("微软");
  }, 60_000);

  it("gives a word written small no sense that only a name has (bills → 法案 or 账单, never 比尔 of Bill Gates)", async () => {
    const read = await createEnglishReader(countsOf(["比尔说", "比尔来了", "比尔·盖茨", "两项法案", "法案通过"]));
    const words = read("How many bills passed?").search.split(" ");
    expect(words).not.toContain("比尔");
    expect(words).toContain("法案");
    expect(read("What did Bill say?").search.split(" ")).toContain("比尔");
  }, 60_000);

  it("reads a country's people and its English names as the country, as Chinese news writes them (German → 德国, not the language 德语)", async () => {
    const read = await createEnglishReader(countsOf(["德国外长访华", "德国总理表示", "学习德语", "韩国合作伙伴", "韩国投资", "朝鲜半岛", "秘鲁总统选举"]));
    const minister = read("What did the German foreign minister say?").search.split(" ");
    expect(minister).toContain("德国");
    expect(minister).not.toContain("德语");
    // "Korean" without South or North: both Koreas, the one the corpus writes more searched, the other an alternate.
    const korean = read("Korean partners");
    expect(korean.search.split(" ")).toContain("韩国");
    expect(korean.alternates["韩国"]).toContain("朝鲜");
    expect(read("Peruvian voters").search.split(" ")).toContain("秘鲁");
  }, 60_000);

  it("reads a word in capitals as the name it abbreviates, never as the word it spells small (US → 美国, not us → 我们; UK → 英国; EU → 欧盟)", async () => {
    const read = await createEnglishReader(countsOf(["美国航空公司增加航班", "英国医生罢工", "欧盟制裁", "我们认为", "我们表示"]));
    const us = read("Which US airlines added flights?").search.split(" ");
    expect(us).toContain("美国");
    expect(us).not.toContain("我们");
    expect(read("Why are UK doctors on strike?").search.split(" ")).toContain("英国");
    expect(read("What did the EU decide?").search.split(" ")).toContain("欧盟");
    // Written small, "us" is a pronoun and is not read.
    expect(read("Tell us about the flights").search.split(" ")).not.toContain("美国");
  }, 60_000);

  it("reads a city the dictionary spells as the dictionary does, not a list it opens (Beijing → 北京, not 北上广) nor a word of the same sounds (Chengdu → 成都, not 程度)", async () => {
    // 北上广 is "Beijing, Shanghai and Guangzhou"; 北京 is "Beijing municipality, capital of …".
    const sentences = ["北京市暴雨", "北京地铁", "北上广深房价", "北上广", "成都大运会", "成都市天气", "一定程度上", "程度加深", "程度"];
    const read = await createEnglishReader(segmentedCounts(sentences));
    expect(read("How much rain fell in Beijing?").search.split(" ")).toContain("北京");
    expect(read("How much rain fell in Beijing?").search).not.toContain("北上广");
    // 都 reads dou but for names: by its usual readings alone Chengdu would spell 程度, which this corpus writes
    // more; the dictionary's 成都市 ("Chengdu, sub-provincial city …") says which spelling is meant.
    expect(read("Which games were held in Chengdu?").search.split(" ")).toContain("成都");
    // A name described after its comma ("Greater Bay Area, consisting of Guangzhou, …") keeps its head.
    const bay = await createEnglishReader(countsOf(["大湾区指数发布", "粤港澳大湾区"]));
    expect(bay("the Greater Bay Area index").search.split(" ")).toContain("大湾区");
  }, 60_000);

  it("reads a word by a sense its entry puts first, over a commoner word that lists it last or marks it (doctor → 医生, not 先生's dialect sense; beat → 击败, not 节奏's)", async () => {
    // 先生 ("teacher; …; (dialect) doctor") and 节奏 ("rhythm; …; beat") are written more often here.
    const read = await createEnglishReader(countsOf(["先生说", "王先生", "李先生表示", "医生说", "节奏加快", "节奏明快", "乐曲节奏", "中国队击败对手", "主队击败客队"]));
    const words = read("junior doctors beat the team").search.split(" ");
    expect(words).toEqual(expect.arrayContaining(["医生", "击败"]));
    expect(words).not.toContain("先生");
    expect(words).not.toContain("节奏");
  }, 60_000);

  it("reads English dates as Chinese articles write them, and leaves the verb may alone", async () => {
    const read = await createEnglishReader(CORPUS);
    expect(read("How many flights by July 31, 2023?").search.split(" ")).toContain("2023年7月31日");
    expect(read("prices rose on 3 March 2024").search.split(" ")).toContain("2024年3月3日");
    expect(read("What happened from August 15 to 29?").search.split(" ")).toContain("8月15日");
    expect(chineseDate("Sept. 2022")).toBe("2022年9月");
    expect(read("Prices may rise 5 percent").search).not.toMatch(/月/);
  }, 60_000);

  it("reads a quarter as Chinese reports write it (Q2 2023 → 第二季度, not a bare 2)", async () => {
    const read = await createEnglishReader(CORPUS);
    const words = read("What was the revenue in Q2 2023?").search.split(" ");
    expect(words).toContain("第二季度");
    expect(words).not.toContain("2");
    expect(read("Q4 results").search.split(" ")).toContain("第四季度");
  }, 60_000);
});
