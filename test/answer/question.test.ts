import { describe, expect, it } from "vitest";
import { analyzeQuestion } from "../../src/answer/question.js";

const kind = (q: string) => analyzeQuestion(q, new Date("2026-11-26T00:00:00Z")).kind;

describe("the kind of answer a question asks for", () => {
  it("reads who-questions, including a name asked of a person already pointed at (那位…叫什么, 哪两名)", () => {
    expect(kind("盐城推进会是谁主持的？")).toBe("person");
    expect(kind("训练中报道里提到的那位飞行员叫什么？")).toBe("person");
    expect(kind("纪委又通报了哪两名医药系统人员被查？")).toBe("person");
  });

  it("reads which people an English question asks for by the noun after which (which judge, which two city leaders) as who", () => {
    expect(kind("Which judge ruled that Apple can continue its lawsuit?")).toBe("person");
    expect(kind("According to Newsweek, which Ukrainian military leader heads the camp?")).toBe("person");
    expect(kind("Which company did the judge rule against?")).toBe("org");
  });

  it("keeps a name asked of a thing, a count of people and a list of people apart from who", () => {
    expect(kind("那个幼儿园叫什么名字？")).toBe("what");
    expect(kind("招募了多少名大学生志愿者？")).toBe("quantity");
    expect(kind("有哪几名教官参加？")).toBe("list");
  });

  it("reads spoken question words (为啥, 啥时候, 是啥, 咋) as the written ones", () => {
    expect(kind("寿光那个老头为啥要找人顶包？")).toBe("reason");
    expect(kind("航空总部园啥时候能投入使用？")).toBe("time");
    expect(kind("喷雾里是啥成分惹的祸？")).toBe("what");
    expect(kind("这个病咋治？")).toBe("how");
    expect(analyzeQuestion("那只狗叫啥名字？").search).toBe("那只狗叫啥名字?");
  });

  it("reads when, how many and which companies", () => {
    expect(kind("福州大学到莆田支教是从哪一年开始的？")).toBe("time");
    expect(kind("那次研讨会是哪几天开的？")).toBe("time");
    expect(kind("金湖县仪器仪表产业聚集了多少家经营主体？")).toBe("quantity");
    expect(kind("史志军在金湖调研了哪些企业？")).toBe("list");
  });

  it("reads a measure asked by its dimension (多重, 多远, 多深) as a quantity, and 哪两个 as a list", () => {
    expect(kind("首片吊装的钢箱梁有多重？")).toBe("quantity");
    expect(kind("充电十分钟能跑多远？")).toBe("quantity");
    expect(kind("基坑挖多深以上就算高风险？")).toBe("quantity");
    expect(kind("How far can it go on a ten-minute charge?")).toBe("quantity");
    expect(kind("水利部把哪两个省的应急响应提升到了Ⅲ级？")).toBe("list");
  });

  it("reads 几 before any measure word as a count (几只, 几辆, 几班), not 那几部 (those) nor 几点几分 (a time)", () => {
    expect(kind("基地刚建的时候只有几只种虎？")).toBe("quantity");
    expect(kind("事故一共烧了几辆车？")).toBe("quantity");
    expect(kind("去世时多大？")).toBe("quantity");
    expect(kind("里面要演的那几部大戏叫啥来着？")).not.toBe("quantity");
    expect(kind("2023年立秋具体是几点几分？")).not.toBe("quantity");
  });

  it("reads a question that asks a thing by its name and then a count as asking the thing first", () => {
    expect(kind("新开通的国际航线由哪家航空公司承运？每周飞几班？")).toBe("org");
    expect(kind("这款手机用的是什么处理器？卖多少钱？")).toBe("what");
    // A person or a place asked first keeps the count's kind: the count decides the evidence.
    expect(kind("公司实际控制人是谁？持股约占总股本多少？")).toBe("quantity");
    expect(kind("每周飞几班？")).toBe("quantity");
  });

  it("reads an English question after a when-clause that sets the scene, and a when-question as one", () => {
    expect(kind("When Huai'an's party secretary visited Jinhu, which two city leaders took part?")).toBe("person");
    expect(kind("When Fitch downgraded the US, how much did it say the debt amounts to?")).toBe("quantity");
    expect(kind("When OpenAI launched the app, which countries was it available in?")).not.toBe("time");
    expect(kind("When was the meeting held, and which party secretary led it?")).toBe("time");
    expect(kind("When the meeting ended, the mayor spoke.")).toBe("time");
  });

  it("reads the kind of item a list asks for, also after a measure word (哪几个项目, 哪几家)", () => {
    const target = (q: string) => analyzeQuestion(q, new Date("2026-11-26T00:00:00Z")).target;
    expect(target("盐城市委书记带队来亭湖区观摩，看了哪几个项目？")).toBe("项目");
    expect(target("戚寿余带队去了哪几個地方？")).toBe("地方");
    expect(target("史志军在金湖调研了哪几家？")).toBe("企业");
    expect(target("开发区有哪两大特色产业？")).toBe("产业");
  });
});
