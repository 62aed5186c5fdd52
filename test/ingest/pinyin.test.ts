import { describe, expect, it } from "vitest";
import { stripPinyinAnnotations } from "../../src/ingest/pinyin.js";

describe("stripPinyinAnnotations", () => {
  it.each([
    ["市領(lǐng)導(dǎo)在金湖調(diào)研", "市領導在金湖調研"],
    ["发(fā)布时(shí)间", "发布时间"],
    ["领(ling)导(dao)", "领导"],
    ["领(lǐng )导( dǎo)", "领导"],
    ["领 (lǐng)导", "领导"],
    ["领（lǐng）导", "领导"],
    ["领(ling3)导(dao3)", "领导"],
    ["綠(lǜ)色", "綠色"],
  ])("removes the annotations in %s", (input, expected) => {
    expect(stripPinyinAnnotations(input)).toBe(expected);
  });

  it.each([
    "江苏金石机械集团(集团)有限公司",
    "全年目标(2024)",
    "利用港口优势和LNG(LNG)资源",
    "中电光谷(淮安)产业园",
    "智造产业链(一期工程)项目",
    "年产8 GW(gw)硅片",
    "数据(OK)",
    "函数f(x)",
  ])("keeps real parenthesised text in %s", (input) => {
    expect(stripPinyinAnnotations(input)).toBe(input);
  });

  it("removes mojibake remnants of annotations whose character was lost", () => {
    expect(stripPinyinAnnotations("勇?tīng)?zhēng)第一")).toBe("勇第一");
    expect(stripPinyinAnnotations("區(qū)域?qū)崿F(xiàn)加速")).toBe("區域崿F加速");
  });
});
