import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeBytes } from "../../src/ingest/decode.js";
import { cleanDocument } from "../../src/ingest/clean.js";
import { seedDoc } from "../helpers.js";

// Real text from the seeds: 000 is Traditional, 003 Simplified.
const traditional = cleanDocument(seedDoc("000_5265b86b2bb2d65e.txt")).text;
const simplified = cleanDocument(seedDoc("003_a889f4cb870d6376.txt")).text;

describe("decodeBytes", () => {
  it.each([
    ["UTF-8", Buffer.from(simplified, "utf8"), simplified, "utf-8"],
    ["UTF-8 with BOM", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(traditional, "utf8")]), traditional, "utf-8"],
    ["UTF-16LE with BOM", Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(simplified, "utf16-le")]), simplified, "utf-16le"],
    ["UTF-16BE with BOM", Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(traditional, "utf16-be")]), traditional, "utf-16be"],
    ["UTF-16LE without BOM", iconv.encode(simplified, "utf16-le"), simplified, "utf-16le"],
    ["GBK (Simplified)", iconv.encode(simplified, "gbk"), simplified, "gb18030"],
    ["GB18030 (Traditional)", iconv.encode(traditional, "gb18030"), traditional, "gb18030"],
    ["Big5 (Traditional)", iconv.encode(traditional, "big5"), traditional, "big5"],
  ])("decodes %s", (_name, bytes, text, encoding) => {
    expect(decodeBytes(bytes)).toEqual({ ok: true, text, encoding });
  });

  it.each([
    ["an empty file", Buffer.alloc(0), "empty file"],
    ["white space only", Buffer.from(" \n\t\n"), "empty file (only white space)"],
    ["a PDF", Buffer.from("%PDF-1.7\n%âãÏÓ\n1 0 obj"), "binary file (PDF document), not text"],
    ["a PNG", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), "binary file (PNG image), not text"],
    ["an ELF executable", Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0]), "binary file (ELF executable), not text"],
  ])("refuses %s", (_name, bytes, reason) => {
    expect(decodeBytes(bytes)).toEqual({ ok: false, reason });
  });

  it("refuses a file that is half GBK and half Big5", () => {
    const mixed = Buffer.concat([iconv.encode(simplified.slice(0, 600), "gbk"), iconv.encode(traditional.slice(0, 600), "big5")]);
    const result = decodeBytes(mixed);
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.reason).toMatch(/^undecodable text: no encoding gives plausible Chinese/);
  });

  it("refuses random bytes", () => {
    const bytes = Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919 + 13) % 256));
    expect(decodeBytes(bytes).ok).toBe(false);
  });
});
