import { describe, expect, it } from "vitest";
import { askedTime, askedUnit, hasValueKind, newNames, newValues, tokensOf } from "../../src/answer/answer-types.js";
import { normalizeForIndex } from "../../src/text/normalize.js";
import { createTerms } from "../../src/text/terms.js";

const terms = createTerms();
const values = (kind: Parameters<typeof newValues>[0], text: string, question: string) => newValues(kind, text, () => tokensOf(text, terms), question).map((v) => text.slice(v.start, v.end));

describe("new values of the asked kind", () => {
  it("finds numbers the question does not give, not dates", () => {
    expect(values("quantity", "8月6日平原县发生5.5级地震，造成21人受伤", "平原县5.5级地震有多少人受伤")).toEqual(["21"]);
  });

  it("finds numbers written in Chinese numerals before a measure word, not ordinals or numerals that are adverbs", () => {
    expect(values("quantity", "据报道目前已在欧洲有关国家部署百余枚核武器", "美国在欧洲部署了多少核武器")).toEqual(["百余"]);
    expect(values("quantity", "要求政变军人一周内释放总统", "要求多长时间内释放总统")).toEqual(["一"]);
    expect(values("quantity", "第二期爱心暑托班即将开班，这项工作十分重要，大家一起努力", "第一期暑托班有多少个孩子参加")).toEqual([]);
  });

  it("takes a span of years (长达13年, 延长至5年) as a quantity, not a year of the calendar (2023年, 23年7月)", () => {
    expect(values("quantity", "张仁义于1978年的秋天参军入伍，开启了自己长达13年的军旅生活", "张仁义军旅生涯一共多少年")).toEqual(["13"]);
    expect(values("quantity", "保留其原有身份的期限，由原来的3年延长至5年", "保留原有身份的期限从3年延长到了几年")).toEqual(["5"]);
    expect(values("quantity", "23年7月，该公司在2023年8月上市", "该公司多少年上市")).toEqual([]);
  });

  it("takes no clock time as a quantity (4时许, 15时30分): a sentence that only says when does not say how many", () => {
    expect(values("quantity", "7月24日4时许大佛殿发生火灾，截至上午10时明火已扑灭，未造成人员伤亡", "大佛殿火灾造成了多少直接经济损失")).toEqual([]);
    expect(values("quantity", "8月6日15时30分，现场有12辆消防车参与救援", "有多少辆消防车参与救援")).toEqual(["12"]);
  });

  it("finds dates the question does not give", () => {
    expect(values("time", "7月30日起，该活动将一直延续到10月20日", "7月30日开始的活动开到哪天")).toEqual(["10月20日"]);
  });

  it("does not take a dateline's date (when the report was filed) as the answer to when", () => {
    expect(values("time", "IT之家 8 月 8 日消息，游戏开发商公布了第 8 期开发者日志", "游戏具体哪天发售")).toEqual([]);
    expect(values("time", "新华社海口8月2日电 记者获悉，项目将于10月20日开工", "项目哪天开工")).toEqual(["10月20日"]);
  });

  it("takes time words that name a point (昨日, 上午), not those relative to now (未来, 目前), as answers to when", () => {
    expect(values("time", "据悉，该游戏已经登陆电脑平台，未来还将登陆游戏机平台", "该游戏什么时候登陆游戏机平台")).toEqual([]);
    expect(values("time", "目前项目进展顺利，昨日上午完成验收", "项目什么时候验收").sort()).toEqual(["上午", "昨日"]);
  });

  it("does not take a name the question gives as the answer to who", () => {
    const q = "广东省宋庆龄基金会成立的委员会主任是谁";
    expect(values("person", "宋庆龄基金会与出版集团共同成立委员会", q)).toEqual([]);
    expect(values("person", "由广东人民出版社社长肖风华担任委员会主任", q)).toContain("肖风华");
  });

  it("finds a name the tagger does not know after its title, whole (主任 蒋继贵/x, 市委书记 史/nr 志军/n)", () => {
    expect(values("person", "市政协秘书长、市发改委主任蒋继贵参加活动", "参加活动的市发改委主任是谁")).toEqual(["蒋继贵"]);
    expect(values("person", "昨日,市委书记史志军在金湖县调研", "谁在金湖县调研")).toEqual(["史志军"]);
    expect(values("person", "作者：唐林（东西湖区自然资源规划局）", "这篇评论的作者是谁")).toEqual(["唐林"]);
  });

  it("takes no name from a title followed by other words, nor from a byline", () => {
    expect(values("person", "记者近日从市长热线获悉", "谁介绍了情况")).toEqual([]);
    expect(values("person", "通讯员 付延广为进一步加强道路安全管控", "谁带队")).toEqual([]);
  });

  it("reads a three-character word the tagger does not know, from a common surname on, as a name (王俊峰/x), and 某 names (邹某/x)", () => {
    expect(values("person", "行政总裁的担子落在47岁的王俊峰肩上", "接任行政总裁的是谁")).toEqual(["王俊峰"]);
    expect(values("person", "相关操作均由孟婕的学生邹某单独完成", "操作的是谁")).toContain("邹某");
    expect(values("person", "该公募基金的规模超过百亿", "基金经理是谁")).toEqual([]);
  });

  it("takes no name the tagger does not know from a byline (记者 陈永诺 摄, （记者吴雨、李延霞）)", () => {
    expect(values("person", "中新网记者 陈永诺 摄", "谁夺得冠军")).toEqual([]);
    expect(values("person", "新华社北京8月12日电(记者吴雨、李延霞)记者日前获悉", "局长是谁")).toEqual([]);
  });

  it("takes no name the tagger knows from a byline either (电 (郭军 朱海翔)), unless the question asks about the reporters", () => {
    expect(values("person", normalizeForIndex("中新网广东新闻5月21日电 （郭军 朱海翔）5月19日，从化区委统战部组织赴南沙调研"), "带队的统战部部长叫什么名字")).toEqual([]);
    const dateline = normalizeForIndex("中新网广东新闻5月21日电 （郭军 朱海翔）5月19日，统战部组织赴南沙调研");
    expect(newNames(dateline, () => tokensOf(dateline, terms), "带队的部长叫什么名字")).toEqual([]);
    expect(values("person", normalizeForIndex("本报合肥8月1日电 (记者徐靖)该校教授邓正宾与多位国际学者合作"), "谁与国际学者合作")).toEqual(["邓正宾"]);
    expect(values("person", normalizeForIndex("中新网广东新闻5月21日电 （郭军 朱海翔）"), "这篇报道的记者是谁")).toEqual(["朱海翔"]);
  });

  it("lists the items of an enumeration the question does not name", () => {
    expect(values("list", "主导产业为新材料、生命健康、半导体", "主导产业有哪些")).toEqual(["新材料", "生命健康", "半导体"]);
  });

  it("accepts any text for kinds without a typed value", () => {
    expect(hasValueKind("reason")).toBe(false);
    expect(newValues("what", "任何句子", [], "什么")).toEqual([]);
  });
});

describe("names a question that asks what someone or something is called can be answered with", () => {
  const names = (sentence: string, question: string) => {
    const key = normalizeForIndex(sentence);
    return newNames(key, tokensOf(key, terms), normalizeForIndex(question));
  };

  it("finds none when the sentence only counts the people asked for", () => {
    expect(names("房山区蓝天救援队有4名队员失联，有两名队员相继获救脱险，当地组织人员对另外两人展开搜救。", "房山蓝天救援队牺牲的两名队员叫什么名字？")).toEqual([]);
  });

  it("does not take the place a shop stands in, or a name the question gives, for the shop's name", () => {
    expect(names("在位于青岛市李沧区的一家“中华老字号”饭店，4名留学生体验蒸饺、锅贴的制作。", "留学生去学包蒸饺的那家青岛中华老字号饭店叫什么名字？")).toEqual([]);
  });

  it("finds people's names (徐子佳/x too), and a product's name in Latin letters", () => {
    expect(names("市领导徐子佳参加活动，市政协秘书长、市发改委主任蒋继贵陪同。", "跟着去金湖调研的市发改委主任叫什么？")).toEqual(["徐子佳", "蒋继贵"]);
    expect(names("而 Lacros 项目将把系统界面和网络浏览器分开。", "谷歌ChromeOS把系统界面和浏览器拆开的项目叫什么？")).toEqual(["lacros"]);
  });
});

describe("the unit a quantity question measures in", () => {
  const unit = (q: string) => askedUnit(q, terms.tag(normalizeForIndex(q)));
  const answers = (q: string, text: string) => unit(q)?.test(text) ?? null;
  it("takes a weight for 多重, a length for 多高, money for 多少钱, a duration for 多久", () => {
    expect(answers("首片吊装的钢箱梁有多重？", "重约355吨")).toBe(true);
    expect(answers("首片吊装的钢箱梁有多重？", "大桥全长2200米")).toBe(false);
    expect(answers("主塔有多高？", "主塔高218米")).toBe(true);
    expect(answers("那条娃娃鱼有多长？", "体长约1.2米")).toBe(true);
    expect(answers("第二次上传的实测影片有多长？", "再上传35秒实测影片")).toBe(true);
    expect(answers("第二次上传的实测影片有多长？", "抗弹板重3公斤")).toBe(false);
    expect(answers("一个疗程要花多少钱？", "费用约3000元")).toBe(true);
    expect(answers("一个疗程要花多少钱？", "一个疗程为15天")).toBe(false);
    expect(answers("最后被判了多久？", "判处有期徒刑一年五个月")).toBe(true);
    expect(answers("占比是多少？", "占比达到12.5%")).toBe(true);
    expect(answers("85岁以上女性的过度诊断率有多高？", "过度诊断率则高达54%")).toBe(true);
    expect(answers("搜救了多久才全部找到？", "18个小时后，所有失联游客全部被找到")).toBe(true);
    expect(answers("提前续约，多少钱？", "达成三年1.86亿的超级顶薪提前续约")).toBe(true);
  });

  it("takes years of age for a person's 多大 (去世时多大, 今年多大了), not for 影响有多大", () => {
    expect(answers("那位公交司机去世时多大？", "终年52岁")).toBe(true);
    expect(answers("那位公交司机去世时多大？", "载有十几名乘客")).toBe(false);
    expect(answers("老人今年多大了？", "今年84岁的李大爷")).toBe(true);
    expect(unit("台风对当地的影响有多大？")?.test("52岁") ?? false).toBe(false);
  });

  it("takes 个 for what 家, 所 and 座 count, not 个 of a duration or of percentage points", () => {
    expect(answers("蔚来在中国有多少座换电站？", "蔚来在中国拥有 1543 个换电站")).toBe(true);
    expect(answers("取缔了多少家非法社会组织？", "其中，取缔34家")).toBe(true);
    expect(answers("取缔了多少家非法社会组织？", "第3次专项行动，为期6个月")).toBe(false);
    expect(answers("全市有多少所中小学？", "增长了2个百分点")).toBe(false);
    expect(answers("全市有多少所中小学？", "全市共有128个中小学校")).toBe(true);
  });

  it("counts in the measure word after a magnitude the question word carries (几千人 → 人), and in none after 几十个 or 几百万", () => {
    expect(answers("那场音乐节有几千人参加？", "共有3000人参加")).toBe(true);
    expect(answers("那场音乐节有几千人参加？", "共有3000辆车")).toBe(false);
    expect(unit("村里建了几十个大棚？")).toBeNull();
    expect(unit("好像指控收了几百万，具体是多少？")).toBeNull();
    expect(answers("多少千米？", "全长35千米")).toBe(true);
  });

  it("takes an area for 面积有多大 and 占地多少, not a count", () => {
    expect(answers("展览面积有多大？", "面积扩展到3.6万平方米")).toBe(true);
    expect(answers("展览面积有多大？", "累计超296.8万人参观采购")).toBe(false);
    expect(answers("新校区占地多少？", "新校区占地约300亩")).toBe(true);
  });

  it("takes a unit written by its symbol (km, L, ℃), which must end its word", () => {
    expect(answers("宁德时代的神行超充电池充电十分钟能跑多远？", normalizeForIndex("可以做到充电十分钟，续航400km。"))).toBe(true);
    expect(answers("冰箱冷藏区有多少升？", normalizeForIndex("拥有342L冷藏区、80L冷冻区"))).toBe(true);
    expect(answers("LK-99据称在多少度以下表现为超导体？", normalizeForIndex("能够在127℃以下表现为超导体"))).toBe(true);
    expect(answers("这座桥有多高？", normalizeForIndex("桥下净空可通行500mm以下的船只"))).toBe(false);
  });

  it("takes the character that ends the asked clause as the unit, whatever the tagger calls it (多少分: 分/v)", () => {
    expect(answers("沂源一中考生姚德鹏高考考了多少分？被哪所大学录取？", "他以631分的成绩考进哈尔滨工业大学")).toBe(true);
    expect(answers("沂源一中考生姚德鹏高考考了多少分？被哪所大学录取？", "7月25日查询到录取结果，三天后就收到了通知书")).toBe(false);
    expect(unit("黄学根跑的是第几棒？")).toBeNull();
    expect(unit("营业收入增长了多少呢？")).toBeNull();
  });

  it("takes money for an amount asked by its money noun (总投资是多少, 奖金是多少), and no count of something else as a sum without 元", () => {
    expect(answers("纽约市政府已经花了多少钱？", "超过9.3万名寻求避难者抵达纽约")).toBe(false);
    expect(answers("纽约市政府已经花了多少钱？", "已花费约17亿美元")).toBe(true);
    expect(answers("项目的总投资是多少？", "项目总投资5.2亿元")).toBe(true);
    expect(answers("项目的总投资是多少？", "预计引进人才300名")).toBe(false);
    expect(answers("总决赛冠军奖金是多少？", "总决赛将于2023年11月举行，14个市的队伍参赛")).toBe(false);
    // 万 alone (万村篮球赛) is no sum; 1.86亿 is.
    expect(answers("万村篮球赛冠军奖金是多少？", "本届广西万村篮球赛分为4个阶段")).toBe(false);
    expect(answers("提前续约，多少钱？", "达成三年1.86亿的顶薪续约")).toBe(true);
    expect(answers("手术费用是多少？", "促醒率达到76.4%")).toBe(false);
    // The money noun after 多少 (多少费用, 多少成本) asks a sum too.
    expect(answers("每年能为装置节省多少费用？", "每年可节省费用约30万元")).toBe(true);
    expect(answers("每年能为装置节省多少费用？", "已投入使用2次，每次平均时长约为9小时")).toBe(false);
    expect(answers("丁某同意付多少工程款？", "丁某同意支付工程款12万元")).toBe(true);
    expect(answers("丁某同意付多少工程款？", "双方多次协商无果，持续了3个月")).toBe(false);
    expect(unit("参保人数有多少？")).toBeNull();
  });

  it("asks a when-question's part of the calendar: a year for 哪一年, a month for 哪个月, a day for 哪天", () => {
    expect(askedTime("石门水库是哪一年建成的")?.test("石门水库始建于1958年")).toBe(true);
    expect(askedTime("石门水库是哪一年建成的")?.test("进入8月，石门水库碧波荡漾")).toBe(false);
    expect(askedTime("运动会是哪天举行的")?.test("运动会于7月20日举行")).toBe(true);
    expect(askedTime("运动会是哪天举行的")?.test("运动会在7月举行")).toBe(false);
    expect(askedTime("常委会具体是几月几号开的")?.test("7月召开的全会")).toBe(false);
    expect(askedTime("常委会具体是几月几号开的")?.test("7月25日召开常委会")).toBe(true);
    expect(askedTime("什么时候举行")).toBeNull();
  });

  it("takes a duration for 几年 and 几个月, as for 多少年 (聘期一般是几年 → 3年, not 8学时)", () => {
    expect(answers("法治副校长聘期一般是几年？", "法治副校长聘期一般为3年")).toBe(true);
    expect(answers("法治副校长聘期一般是几年？", "任职前应接受不少于8学时的培训")).toBe(false);
    expect(answers("试点要持续几个月？", "试点为期6个月")).toBe(true);
  });

  it("takes the measure word of a count, with those that count the same (名, 位, 人)", () => {
    expect(answers("美妆工厂有多少名员工？", "工厂现有员工1200余人")).toBe(true);
    expect(answers("取缔了多少家？", "已取缔非法社会组织34家")).toBe(true);
    expect(answers("取缔了多少家？", "核查线索700余条")).toBe(false);
  });

  it("takes any measure word the segmenter puts after 多少 or 几 (份, 枚, 秒, 几天), not a noun that follows it", () => {
    expect(answers("一共给外卖骑手发了多少份慰问礼包？", "共发放慰问礼包500余份")).toBe(true);
    expect(answers("一共给外卖骑手发了多少份慰问礼包？", "外卖骑手代表等70余人参加活动")).toBe(false);
    expect(answers("一共拿了多少枚金牌？", "拿到103枚金牌")).toBe(true);
    expect(answers("这次试车持续了多少秒？", "试车持续了600秒")).toBe(true);
    expect(answers("这次试车持续了多少秒？", "推力达到500吨")).toBe(false);
    expect(answers("被行政拘留了几天？", "依法行政拘留5日")).toBe(true);
    expect(unit("聚集了多少经营主体？")).toBeNull();
  });

  it("says nothing of questions that name neither a dimension nor a measure word", () => {
    expect(unit("参保人数有多少？")).toBeNull();
    expect(unit("聚集了多少经营主体？")).toBeNull();
    expect(unit("有多少个项目？")).toBeNull();
  });
});
