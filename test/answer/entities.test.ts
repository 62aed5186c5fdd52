import { describe, expect, it } from "vitest";
import { companyNames, enumerationItems, projectNames } from "../../src/answer/entities.js";

describe("project names in a sentence", () => {
  it("takes every item of an enumeration that 等项目 closes, though the items do not say 项目", () => {
    expect(projectNames("与会人员先后观摩了环科城环保产业创新中心、和阳电梯部件、中车轨道列车车体等项目现场,所观摩项目都具有良好发展质态")).toEqual(["环科城环保产业创新中心", "和阳电梯部件", "中车轨道列车车体"]);
  });

  it("takes names that end in 项目, whole", () => {
    expect(projectNames("史志军现场观摩了淮安新奕恒环保有限公司年产1万吨热塑制品项目、江苏欧洛普科技新材料有限公司新材料水晶板项目等")).toEqual([
      "淮安新奕恒环保有限公司年产1万吨热塑制品项目",
      "江苏欧洛普科技新材料有限公司新材料水晶板项目",
    ]);
  });

  it("finds none where 项目 is inside a phrase (项目载体建设, 项目推进, 产业项目建设)", () => {
    expect(projectNames("全市第十八次产业园区项目载体建设现场推进会召开。")).toEqual([]);
    expect(projectNames("与会人员来亭湖区观摩载体建设和项目推进等情况。")).toEqual([]);
    expect(projectNames("以市场的需求、变化和趋势引领推动产业项目建设。")).toEqual([]);
  });
});

describe("enumeration items", () => {
  it("reads titles side by side as an enumeration, as it reads items joined by 、", () => {
    expect(enumerationItems("将放映多部感人至深的法治电影，如《孤注一掷》《深渊》等。")).toEqual(["孤注一掷", "深渊"]);
    expect(enumerationItems("主导产业为新材料、新能源、高端装备")).toEqual(["新材料", "新能源", "高端装备"]);
    // One title is not an enumeration.
    expect(enumerationItems("放映了电影《深渊》。")).toEqual([]);
  });
});

describe("company names in a sentence", () => {
  it("takes names whole, brackets and all", () => {
    expect(companyNames("先后走进罗孚橡胶(江苏)有限公司、江苏沃盾耐磨新材料有限公司")).toEqual(["罗孚橡胶(江苏)有限公司", "江苏沃盾耐磨新材料有限公司"]);
  });

  it("takes no stock quote's tail (0.05%)公司) nor a description (…产品的基金公司) for a name", () => {
    expect(companyNames("巴菲特旗下伯克希尔哈撒韦(543150, 250.00, 0.05%)公司周一提交的13F文件显示")).toEqual([]);
    expect(companyNames("从而成为内地首批获准发售互认基金产品的基金公司之一")).toEqual([]);
  });
});
