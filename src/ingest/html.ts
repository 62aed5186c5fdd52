const ENTITIES: Record<string, string> = {
  nbsp: " ", amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", ldquo: "“", rdquo: "”",
  lsquo: "‘", rsquo: "’", middot: "·", hellip: "…", mdash: "—", ndash: "–", copy: "©", ensp: " ", emsp: " ",
};

/** Decode named and numeric character references. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === "#") {
      const code = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/** The page's <title>, without a trailing site name ("标题 - 淮安新闻网"). */
export function htmlTitle(html: string): string | null {
  const m = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html);
  if (!m?.[1]) return null;
  const title = decodeEntities(m[1]).replace(/\s+/g, " ").trim();
  const main = title.split(/\s+[-_|–—]\s+|_/)[0]?.trim() ?? "";
  return main.length > 0 ? main : null;
}

/**
 * HTML → plain text with one line per block element. Scripts, styles, comments
 * and navigation/footer elements are dropped entirely, never shown as text.
 */
export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<!--[\s\S]*?-->/g, "")
      .replace(/<(script|style|noscript|template|svg|iframe|nav|footer|head)\b[\s\S]*?<\/\1\s*>/gi, "")
      .replace(/<br\s*\/?>/gi, "\n")
      .replace(/<\/?(p|div|h[1-6]|li|ul|ol|tr|table|section|article|header|blockquote|dd|dt)\b[^>]*>/gi, "\n")
      .replace(/<[^>]+>/g, ""),
  )
    .replace(/[ \t\f\r]+/g, " ")
    .replace(/\n\s*/g, "\n")
    .trim();
}

/** Markdown → plain text: headings, emphasis, links and images reduced to their text. */
export function markdownToText(md: string): string {
  return md
    .replace(/^```[\s\S]*?^```/gm, "")
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/^\s{0,3}#{1,6}\s+/gm, "")
    .replace(/^\s{0,3}>\s?/gm, "")
    .replace(/(\*\*|__)(.+?)\1/g, "$2")
    .replace(/^\s*([-*_])(\s*\1){2,}\s*$/gm, "");
}
