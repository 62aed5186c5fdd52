/** A sentence as a half-open range [start, end) of the text. */
export interface Span {
  start: number;
  end: number;
}

/** Sentence end: 。！？；… (and ASCII !?;), with any closing quotes or brackets that follow. */
const SENTENCE = /[^。！？；!?;…\n]*(?:[。！？；!?;]+|…+|\n|$)["”’」』)）]*/gu;

/**
 * Split text into sentences at Chinese and ASCII terminators and line breaks.
 * Spans cover the text without gaps except for the line breaks and leading spaces
 * between them; empty sentences are dropped.
 */
export function splitSentences(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(SENTENCE)) {
    let start = m.index;
    let end = start + m[0].length;
    while (start < end && /\s/.test(text[start] ?? "")) start++;
    while (end > start && /\s/.test(text[end - 1] ?? "")) end--;
    if (end > start) spans.push({ start, end });
  }
  return spans;
}

/** Characters after which a long sentence may be cut: clause punctuation, then spaces. */
const SOFT_BREAK = /[，,、：:]["”’」』)）]*|\s/gu;

/**
 * Cut a sentence longer than `max` into pieces of at most `max` characters,
 * at the last clause break that fits, or at exactly `max` when there is none
 * (a long line without punctuation).
 */
export function splitLongSpan(text: string, span: Span, max: number): Span[] {
  const pieces: Span[] = [];
  let start = span.start;
  while (span.end - start > max) {
    const window = text.slice(start, start + max);
    let cut = -1;
    for (const m of window.matchAll(SOFT_BREAK)) {
      const after = m.index + m[0].length;
      if (after > max / 3) cut = after;
    }
    const end = start + (cut > 0 ? cut : max);
    pieces.push({ start, end });
    start = end;
    while (start < span.end && /\s/.test(text[start] ?? "")) start++;
  }
  if (span.end > start) pieces.push({ start, end: span.end });
  return pieces;
}
