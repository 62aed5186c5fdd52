import * as OpenCC from "opencc-js";

const toSimplifiedConverter = OpenCC.Converter({ from: "t", to: "cn" });
const toTraditionalConverter = OpenCC.Converter({ from: "cn", to: "tw" });

/** Traditional → Simplified (character and phrase level, OpenCC tables). */
export function toSimplified(text: string): string {
  return toSimplifiedConverter(text);
}

/** Simplified → Traditional (Taiwan character forms: 為, 裡, as the Traditional pages in the corpus write), used to answer in the script of the question. */
export function toTraditional(text: string): string {
  return toTraditionalConverter(text);
}

/** Full-width ASCII forms (ＡＢＣ１２３，：) and the ideographic space → their half-width forms. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e\u3000]/g, (c) =>
    c === "\u3000" ? " " : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
}

/** Collapse runs of white space (including no-break and zero-width spaces) into one space. */
export function foldWhitespace(text: string): string {
  return text.replace(/[\s\u00a0\u200b\ufeff]+/g, " ").trim();
}

/**
 * The form used for indexing and matching: Simplified, half-width, lower-case,
 * white space folded, and spaces between two Han characters removed
 * ("記 者 葉 列" and "记者叶列" match).
 */
export function normalizeForIndex(text: string): string {
  return foldForIndex(toSimplified(text));
}

/** normalizeForIndex without the script conversion, the costly part: for matching Simplified and Traditional forms of terms in stored text. */
export function foldForIndex(text: string): string {
  const folded = foldWhitespace(toHalfWidth(text)).toLowerCase();
  return folded.replace(/(\p{Script=Han}) (?=\p{Script=Han})/gu, "$1");
}

const HAN = /\p{Script=Han}/gu;

/** True when the text has more Traditional-only characters than a Simplified text would. */
export function isMostlyTraditional(text: string): boolean {
  const han = text.match(HAN);
  if (!han || han.length === 0) return false;
  const joined = han.join("");
  const simplified = toSimplified(joined);
  let changed = 0;
  for (let i = 0; i < joined.length && i < simplified.length; i++) {
    if (joined[i] !== simplified[i]) changed++;
  }
  // A Simplified text converts to itself; even two changed characters in a short question are a signal.
  return changed >= Math.max(1, Math.ceil(han.length * 0.05));
}
