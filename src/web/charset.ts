import { decodeBytes } from "../ingest/decode.js";

export type DecodedPage = { ok: true; text: string; charset: string } | { ok: false; reason: string };

/** Labels Chinese sites declare, mapped to the decoder that reads them (GB18030 is a superset of GB2312 and GBK). */
const ALIASES: Record<string, string> = {
  gb2312: "gb18030", gbk: "gb18030", "x-gbk": "gb18030", gb18030: "gb18030", "gb_2312-80": "gb18030", cp936: "gb18030",
  big5: "big5", "big5-hkscs": "big5", "x-x-big5": "big5", cp950: "big5",
  "utf-8": "utf-8", utf8: "utf-8",
};

/** The charset a Content-Type header names, lower-case, or null. */
export function headerCharset(contentType: string): string | null {
  return /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType)?.[1]?.toLowerCase() ?? null;
}

/** The charset a page declares in its first bytes: <meta charset> or <meta http-equiv="Content-Type" content="…charset=…">. */
export function metaCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString("latin1");
  for (const meta of head.matchAll(/<meta\b[^>]*>/gi)) {
    const m = /charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(meta[0]);
    if (m?.[1]) return m[1].toLowerCase();
  }
  return null;
}

function strict(bytes: Uint8Array, label: string): string | null {
  try {
    return new TextDecoder(ALIASES[label] ?? label, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Decode a fetched page: the charset of the HTTP header, else of the page's meta tag, else
 * detection (UTF-8, then GB18030 or Big5 by which reads as common Chinese). A declared
 * charset the bytes do not fit (sites mislabel pages) falls back to detection too.
 */
export function decodePage(bytes: Uint8Array, contentType: string): DecodedPage {
  for (const label of [headerCharset(contentType), metaCharset(bytes)]) {
    if (!label) continue;
    const text = strict(bytes, label);
    if (text !== null && text.trim() !== "") return { ok: true, text: text.replace(/^\uFEFF/, ""), charset: ALIASES[label] ?? label };
  }
  const detected = decodeBytes(bytes);
  return detected.ok ? { ok: true, text: detected.text, charset: detected.encoding } : detected;
}
