import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { mixedSegmentation, mrcExact, mrcF1, readMrc } from "../../src/eval/mrc.js";
import { tempDir } from "../helpers.js";

describe("CMRC 2018 evaluation measures", () => {
  it("segments Chinese by character and other runs by word; removed punctuation joins its neighbours, as in the official script", () => {
    expect(mixedSegmentation("光荣和ω-force，2019年", true)).toEqual(["光", "荣", "和", "ωforce2019", "年"]);
    expect(mixedSegmentation("Final Fantasy：7代", false)).toEqual(["final", "fantasy", "：", "7", "代"]);
  });

  it.each([
    [["光荣和ω-force"], "光荣和ω-force", 1, true],
    [["1990年"], "1990年。", 1, true],
    [["江苏省南京市"], "南京市", 0.6666666666666666, false],
    [["北京"], "上海", 0, false],
    // Best over the gold answers; the longest common run, not the common characters.
    [["南京", "江苏南京"], "位于江苏南京", 0.8, false],
  ])("scores %j against %s", (gold, prediction, f1, em) => {
    expect(mrcF1(gold, prediction)).toBeCloseTo(f1, 6);
    expect(mrcExact(gold, prediction)).toBe(em);
  });
});

describe("readMrc", () => {
  it("reads a gzipped SQuAD-style file: passages as articles, one entry per answered question", () => {
    const file = path.join(tempDir(), "set.json.gz");
    const squad = {
      data: [
        {
          title: "金湖县",
          paragraphs: [
            { id: "p1", context: "金湖县位于江苏省中部。", qas: [{ id: "q1", question: "金湖县位于哪里？", answers: [{ text: "江苏省中部" }, { text: "江苏省中部" }] }, { id: "q2", question: "没有答案？", answers: [] }] },
          ],
        },
      ],
    };
    fs.writeFileSync(file, zlib.gzipSync(JSON.stringify(squad)));
    expect(readMrc(file, "t")).toEqual({
      passages: [{ id: "t-0-0", title: "金湖县", text: "金湖县位于江苏省中部。" }],
      questions: [{ id: "q1", question: "金湖县位于哪里？", answers: ["江苏省中部"], passageId: "t-0-0" }],
    });
  });

  it("refuses a file that is not SQuAD-style, naming it", () => {
    const file = path.join(tempDir(), "bad.json");
    fs.writeFileSync(file, JSON.stringify({ data: [{ paragraphs: [{ qas: [] }] }] }));
    expect(() => readMrc(file, "t")).toThrow(/bad\.json.*not a SQuAD-style file/);
  });
});
