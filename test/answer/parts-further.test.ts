import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApp, type App } from "../../src/app.js";
import { silentLogger } from "../../src/log.js";
import { articlesDir, testConfig } from "../helpers.js";
import type { AnswerModel, ComposedAnswer } from "../../src/answer/model.js";
import { createResponder } from "../../src/answer/respond.js";
import type { RetrieveOptions, Retriever } from "../../src/retrieve/retriever.js";
import type { Passage } from "../../src/types.js";

/** A report whose second asked thing is said in a passage far down the page, holding few of the question's words. */
const FILLER = [
  "王建华指出，滨海县工业项目推进会要一次一次开下去，园区要把工业项目推进情况摆上桌面，深入推进的每一个项目都要有专人盯、有台账管、有节点查，滨海县工业项目推进会上点到的问题要逐条销号，确保项目早开工、早投产、早见效，以工业项目的大突破带动全县经济的大发展。王建华说，工业项目推进没有捷径可走，只有深入推进、久久为功，滨海县才能在全市工业项目推进中争先进位，在沿海开发中走在前列。",
  "会上，王建华逐一点评了各园区工业项目推进情况。滨海县经济开发区、沿海工业园区等园区负责人作了交流发言，汇报了工业项目推进中的经验做法和困难问题。王建华要求，各园区要对照滨海县工业项目推进会的部署，深入推进项目建设，形成比学赶超的浓厚氛围。王建华还要求，园区主要负责人要亲自抓工业项目推进，每月到项目现场办公，协调解决工业项目推进中遇到的用地、用工、融资等难题。",
  "王建华强调，滨海县要坚持项目为王，工业项目推进要提速提效。要深入推进招商引资，围绕主导产业精准招引一批工业项目；要深入推进服务保障，为推进项目建设提供全程代办服务；要深入推进考核激励，把工业项目推进成效作为评价园区工作的重要依据。王建华说，滨海县各园区要把工业项目推进会当作比武场，以工业项目推进的实绩检验干部作风、检验园区能力。",
  "据了解，今年以来滨海县新开工亿元以上工业项目四十二个，新竣工工业项目二十八个。王建华表示，推进会之后，各园区要深入推进项目攻坚，确保滨海县全年工业项目推进目标顺利实现，王建华将带队对推进情况开展督查，督查结果在下一次工业项目推进会上通报。王建华说，滨海县工业项目推进会开过之后，工业项目推进的压力要传导到每一个园区、每一个项目、每一名干部。",
  "王建华在推进会上还指出，滨海县工业项目推进要突出重点园区和重点项目，深入推进新能源、新材料、高端装备等工业项目集聚发展。各园区要围绕工业项目推进需求，深入推进基础设施配套，建好标准厂房和污水处理设施，让工业项目推进少走弯路。王建华要求，滨海县各部门要主动服务工业项目推进，在工业项目推进会上作出的承诺要件件落实，项目推进的进度要每周报送。",
];
const REPORT = {
  id: "parts-far-1",
  title: "滨海县召开工业项目推进会",
  published_raw: "2023-08-05",
  text: [
    "8月5日，滨海县召开工业项目推进会，县委书记王建华出席并讲话。会议听取了各园区工业项目推进情况汇报，与会人员观摩了园区项目现场。王建华强调，要坚持项目为王，全力推进工业项目建设，深入推进“两项清理”，盘活园区闲置土地和低效厂房，为新上项目腾出发展空间，让每一寸土地都产出更高效益。",
    ...FILLER,
    ...FILLER.map((f) => f.replace(/王建华/gu, "县长李明").replace(/滨海县/gu, "全县")),
    "会议最后要求，各地各部门要守住安全生产和生态环境底线，把各项任务做细做实，为庆祝建县七十周年营造良好环境。会后，与会人员还参观了县规划展示馆，听取了县城总体规划和沿海开发规划的介绍，对县城和沿海地区今后的发展方向有了更直观的了解和认识。大家表示，看了规划更加坚定了发展信心，将以更加饱满的热情投入到各自岗位上去，以实干实绩向全县人民交出一份满意答卷，共同建设美丽富裕文明和谐的新滨海。",
  ].join("\n"),
};

describe("a part of the question answered further down its article", () => {
  let app: App;
  beforeAll(async () => {
    app = await openApp(testConfig({ DATA_DIR: articlesDir([REPORT]) }), silentLogger, { embedder: null });
  }, 60_000);
  afterAll(() => app.close());

  it("searches more of the article's passages when a part has no value, and keeps the answer that gives it one", async () => {
    const r = await app.ask("滨海县工业项目推进会上，王建华说要深入推进什么“清理”工作，还要为庆祝什么营造良好环境？");
    expect(r.answered).toBe(true);
    expect(r.answer).toContain("两项清理");
    expect(r.answer).toContain("为庆祝建县七十周年营造良好环境");
    expect(r.unsure).toBe(false);
  });
});

describe("the search for a part left without a value", () => {
  it("searches the period the answer was found in: all dates, when the question's period found nothing", async () => {
    const passage: Passage = { chunkId: 1, articleId: "a1", ordinal: 0, title: "市领导在金湖调研", published: "2026-01-25", source: "淮安日报", text: "史志军来到江苏红光仪表厂有限公司。", score: 1, paths: ["words"] };
    const searches: Partial<RetrieveOptions>[] = [];
    const retriever: Retriever = {
      defaultMode: "lexical",
      retrieve: async (_q, options = {}) => {
        searches.push(options);
        return { passages: [passage], mode: "lexical", ms: 1 };
      },
    };
    // Refuses over the question's period, answers one part over all dates, and both parts with more passages.
    const composed: ComposedAnswer[] = [
      { answered: false, text: "", confidence: 0.1, refusal: "confidence" },
      { answered: true, text: "史志军来到江苏红光仪表厂有限公司。⟦0⟧", confidence: 0.9, uncovered: 1 },
      { answered: true, text: "史志军来到江苏红光仪表厂有限公司。⟦0⟧", confidence: 0.9 },
    ];
    const model: AnswerModel = { name: "stub", compose: async () => composed.shift()! };
    const r = await createResponder({ retriever, model, conversations: null }, { k: 5, maxPerArticle: 4 }).ask("2025年史志军去了哪家企业？待了多久？");
    expect(r.answered).toBe(true);
    expect(searches.map((s) => [s.range === undefined ? "all dates" : "2025", s.maxPerArticle ?? "default"])).toEqual([
      ["2025", "default"],
      ["all dates", "default"],
      ["all dates", 8],
    ]);
  });
});
