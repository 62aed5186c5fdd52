import { commonHanScore } from "../text/common-han.js";

export type Encoding = "utf-8" | "utf-16le" | "utf-16be" | "gb18030" | "big5";

export type Decoded =
  | { ok: true; text: string; encoding: Encoding }
  | { ok: false; reason: string };

const MAGIC: ReadonlyArray<[string, number[]]> = [
  ["PDF document", [0x25, 0x50, 0x44, 0x46]],
  ["PNG image", [0x89, 0x50, 0x4e, 0x47]],
  ["JPEG image", [0xff, 0xd8, 0xff]],
  ["GIF image", [0x47, 0x49, 0x46, 0x38]],
  ["ZIP archive (or .docx/.xlsx)", [0x50, 0x4b, 0x03, 0x04]],
  ["ELF executable", [0x7f, 0x45, 0x4c, 0x46]],
  ["Windows executable", [0x4d, 0x5a]],
  ["gzip data", [0x1f, 0x8b]],
  ["OLE document (.doc/.xls)", [0xd0, 0xcf, 0x11, 0xe0]],
];

/** Below this share of common characters a decoding is treated as garbage. */
const MIN_PLAUSIBILITY = 0.6;

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function tryDecode(bytes: Uint8Array, encoding: Encoding): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** UTF-16 without a BOM shows up as a NUL in every other byte of ASCII-range text. */
function guessBomlessUtf16(bytes: Uint8Array): Encoding | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.3 && evenNul < pairs * 0.05) return "utf-16le";
  if (evenNul > pairs * 0.3 && oddNul < pairs * 0.05) return "utf-16be";
  return null;
}

function hasControlGarbage(text: string): boolean {
  let bad = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0xfffd) bad++;
  }
  return bad > Math.max(2, text.length * 0.01);
}

/**
 * Decode a file's bytes: BOMs first, then strict UTF-8, then GB18030 and Big5.
 * Big5 bytes also decode without error as GB18030, so among the legacy decodings
 * the one whose Han characters are most often common characters wins.
 * Binary files and text that no decoding makes plausible are refused with a reason.
 */
export function decodeBytes(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) return { ok: false, reason: "empty file" };
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return finish(tryDecode(bytes.subarray(3), "utf-8"), "utf-8");
  if (startsWith(bytes, [0xff, 0xfe])) return finish(tryDecode(bytes.subarray(2), "utf-16le"), "utf-16le");
  if (startsWith(bytes, [0xfe, 0xff])) return finish(tryDecode(bytes.subarray(2), "utf-16be"), "utf-16be");
  for (const [kind, magic] of MAGIC) {
    if (startsWith(bytes, magic)) return { ok: false, reason: `binary file (${kind}), not text` };
  }
  const utf16 = guessBomlessUtf16(bytes);
  if (utf16) return finish(tryDecode(bytes, utf16), utf16);

  const utf8 = tryDecode(bytes, "utf-8");
  if (utf8 !== null && !utf8.includes("\0")) return finish(utf8, "utf-8");

  // NUL bytes without a BOM: UTF-16 Chinese text, or binary data.
  const candidates: Encoding[] = bytes.subarray(0, 8192).includes(0) ? ["utf-16le", "utf-16be"] : ["gb18030", "big5"];
  let best: { text: string; encoding: Encoding; score: number } | null = null;
  for (const encoding of candidates) {
    const text = tryDecode(bytes, encoding);
    if (text === null || hasControlGarbage(text)) continue;
    const score = plausibility(text);
    if (!best || score > best.score) best = { text, encoding, score };
  }
  if (!best) {
    return candidates[0] === "utf-16le"
      ? { ok: false, reason: "binary file (contains NUL bytes), not text" }
      : { ok: false, reason: "not valid UTF-8, UTF-16, GB18030/GBK or Big5 text" };
  }
  if (best.score < MIN_PLAUSIBILITY) {
    return {
      ok: false,
      reason: `undecodable text: no encoding gives plausible Chinese (best ${best.encoding}, ${Math.round(best.score * 100)}% common characters); mixed or corrupted encodings?`,
    };
  }
  return { ok: true, text: best.text, encoding: best.encoding };
}

/** Han characters per window when judging plausibility. */
const WINDOW = 80;

/**
 * The worst window's share of common characters: a file that is half GBK and half
 * Big5 decodes half-plausibly either way, and the bad half decides.
 * Text with no Han characters counts as plausible only if it is mostly printable.
 */
function plausibility(text: string): number {
  const han = text.match(/\p{Script=Han}/gu) ?? [];
  if (han.length === 0) {
    const printable = text.match(/[\x20-\x7e\n\r\t]/g)?.length ?? 0;
    return printable / Math.max(1, text.length);
  }
  if (han.length < WINDOW * 2) return commonHanScore(han.join(""));
  let worst = 1;
  for (let i = 0; i + WINDOW <= han.length; i += WINDOW) {
    worst = Math.min(worst, commonHanScore(han.slice(i, i + WINDOW).join("")));
  }
  return worst;
}

function finish(text: string | null, encoding: Encoding): Decoded {
  if (text === null) return { ok: false, reason: `invalid ${encoding.toUpperCase()} byte sequence` };
  if (text.trim().length === 0) return { ok: false, reason: "empty file (only white space)" };
  if (hasControlGarbage(text)) return { ok: false, reason: "binary or corrupted file (control characters in text)" };
  return { ok: true, text, encoding };
}
