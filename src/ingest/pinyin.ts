const TONE_MARKS: Record<string, string> = {
  ā: "a", á: "a", ǎ: "a", à: "a", ē: "e", é: "e", ě: "e", è: "e",
  ī: "i", í: "i", ǐ: "i", ì: "i", ō: "o", ó: "o", ǒ: "o", ò: "o",
  ū: "u", ú: "u", ǔ: "u", ù: "u", ǖ: "ü", ǘ: "ü", ǚ: "ü", ǜ: "ü",
};

/** Initial + final of a Mandarin syllable, tone marks removed; loose but never matches digits or upper case. */
const SYLLABLE =
  /^(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|üan|van|ai|ei|ao|ou|an|en|er|ia|ie|iu|in|ua|uo|ui|un|ün|üe|ue|ve|vn|a|o|e|i|u|ü|v)[1-5]?$/;

/** Annotation in half- or full-width parentheses right after a Han character. */
const ANNOTATION = /(\p{Script=Han})\s?[(（]\s*([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü1-5 ]{1,12}?)\s*[)）]/gu;

/** A tone-marked annotation is unmistakably pinyin, whatever precedes it (mojibake leaves Latin letters too). */
const TONED_ANNOTATION = /(?<=\S)[(（]\s*([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*)\s*[)）]/gu;

/** A mojibake remnant: the character and its "(" were lost, "?" and the syllable with ")" remain. */
const ORPHAN = /\?([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7})\)/gu;

function isPinyinSyllable(candidate: string): boolean {
  const plain = [...candidate].map((c) => TONE_MARKS[c] ?? c).join("");
  return SYLLABLE.test(plain);
}

/**
 * Remove pinyin annotations that scrapers insert after characters:
 * `領(lǐng)導(dǎo)` → `領導`, also tone-less (`导(dao)`), with tone digits and with stray spaces.
 * Mojibake remnants of annotations (`?qǐng)`) are removed too; the lost character cannot be recovered.
 * Real parenthesised text stays: `(集团)`, `(2024)`, `(LNG)`, `(一期工程)`.
 */
export function stripPinyinAnnotations(text: string): string {
  return text
    .replace(ANNOTATION, (match, han: string, inner: string) => {
      const syllable = inner.replace(/\s+/g, "");
      return syllable.length > 0 && isPinyinSyllable(syllable) ? han : match;
    })
    .replace(TONED_ANNOTATION, (match, syllable: string) => (isPinyinSyllable(syllable) ? "" : match))
    .replace(ORPHAN, (match, syllable: string) => (isPinyinSyllable(syllable) ? "" : match));
}
