import { createRequire } from "node:module";
import { toTraditional } from "./normalize.js";

/** How many of the most frequent Simplified characters count as "common". */
const COMMON_CHARS = 3500;

let byFrequency: string[] | null = null;
let common: Set<string> | null = null;

/** Simplified Han characters by jieba's word-frequency dictionary, most frequent first: the ~3,500 common ones, or the first `count`. */
export function commonHanCharacters(count = COMMON_CHARS): readonly string[] {
  return hanByFrequency().slice(0, count);
}

function hanByFrequency(): readonly string[] {
  if (byFrequency) return byFrequency;
  const require = createRequire(import.meta.url);
  const { dict } = require("@node-rs/jieba/dict.js") as { dict: Buffer };
  const weight = new Map<string, number>();
  for (const line of dict.toString("utf8").split("\n")) {
    const [word, freq] = line.split(" ");
    const f = Number(freq);
    if (!word || !Number.isFinite(f)) continue;
    for (const ch of word) if (/\p{Script=Han}/u.test(ch)) weight.set(ch, (weight.get(ch) ?? 0) + f);
  }
  byFrequency = [...weight].sort((a, b) => b[1] - a[1]).map(([ch]) => ch);
  return byFrequency;
}

/** The common characters plus their Traditional forms. Built once, on first use (only non-UTF-8 input needs it). */
function commonHan(): Set<string> {
  if (common) return common;
  const top = commonHanCharacters();
  common = new Set([...top, ...toTraditional(top.join(""))]);
  return common;
}

/** Share of the text's Han characters that are common characters (1 when there are none). */
export function commonHanScore(text: string): number {
  const set = commonHan();
  let han = 0;
  let hits = 0;
  for (const ch of text) {
    if (!/\p{Script=Han}/u.test(ch)) continue;
    han++;
    if (set.has(ch)) hits++;
  }
  return han === 0 ? 1 : hits / han;
}
