import fs from "node:fs";
import zlib from "node:zlib";
import { z } from "zod";
import { InputError } from "../errors.js";

/** One reading-comprehension question: its passage (indexed as an article) and the human answers. */
export interface MrcQuestion {
  id: string;
  question: string;
  answers: string[];
  passageId: string;
}

export interface MrcPassage {
  id: string;
  title: string;
  text: string;
}

const SquadSchema = z.object({
  data: z.array(
    z.object({
      title: z.string().default(""),
      paragraphs: z.array(
        z.object({
          id: z.union([z.string(), z.number()]).optional(),
          context: z.string(),
          qas: z.array(z.object({ id: z.union([z.string(), z.number()]), question: z.string(), answers: z.array(z.object({ text: z.string() })) })),
        }),
      ),
    }),
  ),
});

/** Read a SQuAD-style file (CMRC 2018, DRCD), gzipped or not. Passage ids are prefixed with `prefix` so sets never collide. */
export function readMrc(file: string, prefix: string): { passages: MrcPassage[]; questions: MrcQuestion[] } {
  const bytes = fs.readFileSync(file);
  const text = (file.endsWith(".gz") ? zlib.gunzipSync(bytes) : bytes).toString("utf8");
  const parsed = SquadSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new InputError(file, `not a SQuAD-style file (${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message})`);
  const passages: MrcPassage[] = [];
  const questions: MrcQuestion[] = [];
  parsed.data.data.forEach((doc, i) =>
    doc.paragraphs.forEach((p, j) => {
      const id = `${prefix}-${i}-${j}`;
      passages.push({ id, title: doc.title, text: p.context });
      for (const q of p.qas) {
        const answers = [...new Set(q.answers.map((a) => a.text.trim()).filter((a) => a.length > 0))];
        if (answers.length > 0) questions.push({ id: String(q.id), question: q.question, answers, passageId: id });
      }
    }),
  );
  return { passages, questions };
}

// The official CMRC 2018 evaluation (cmrc2018_evaluate.py): Chinese characters and these
// punctuation marks are segments of their own, other runs are split into words; punctuation removed.
const SP_CHAR = new Set(["-", ":", "_", "*", "^", "/", "\\", "~", "`", "+", "=", "，", "。", "：", "？", "！", "“", "”", "；", "’", "《", "》", "……", "·", "、", "「", "」", "（", "）", "－", "～", "『", "』"]);

/** Approximates nltk.word_tokenize for the non-Chinese runs: words and single punctuation marks. */
const wordTokens = (s: string) => s.match(/[\p{L}\p{N}]+(?:[.'][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu) ?? [];

export function mixedSegmentation(text: string, removePunctuation: boolean): string[] {
  const out: string[] = [];
  let run = "";
  for (const ch of text.toLowerCase().trim()) {
    if (removePunctuation && SP_CHAR.has(ch)) continue;
    if (/[\u4e00-\u9fa5]/u.test(ch) || SP_CHAR.has(ch)) {
      if (run) out.push(...wordTokens(run));
      run = "";
      out.push(ch);
    } else run += ch;
  }
  if (run) out.push(...wordTokens(run));
  return out;
}

function longestCommonRun(a: readonly string[], b: readonly string[]): number {
  let best = 0;
  let prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 0; i < a.length; i++) {
    const row = new Array<number>(b.length + 1).fill(0);
    for (let j = 0; j < b.length; j++) if (a[i] === b[j]) best = Math.max(best, (row[j + 1] = prev[j]! + 1));
    prev = row;
  }
  return best;
}

/** CMRC 2018 F1: longest common run of segments, best over the gold answers. */
export function mrcF1(answers: readonly string[], prediction: string): number {
  const pred = mixedSegmentation(prediction, true);
  return Math.max(
    0,
    ...answers.map((a) => {
      const gold = mixedSegmentation(a, true);
      const lcs = longestCommonRun(gold, pred);
      if (lcs === 0) return 0;
      const p = lcs / pred.length;
      const r = lcs / gold.length;
      return (2 * p * r) / (p + r);
    }),
  );
}

const stripPunctuation = (s: string) => [...s.toLowerCase().trim()].filter((c) => !SP_CHAR.has(c)).join("");

/** CMRC 2018 exact match: equal to a gold answer once punctuation is removed. */
export function mrcExact(answers: readonly string[], prediction: string): boolean {
  const p = stripPunctuation(prediction);
  return answers.some((a) => stripPunctuation(a) === p);
}
