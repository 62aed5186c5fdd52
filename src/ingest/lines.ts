/** Bounded reading of byte streams: no line and no stream may take more memory or time than its cap. */

/**
 * Split a byte stream into lines without ever holding more than `maxLineBytes` of one line:
 * a longer line is dropped as it streams by and yielded as null.
 */
export async function* splitLines(input: AsyncIterable<Buffer>, maxLineBytes: number): AsyncGenerator<string | null> {
  let parts: Buffer[] = [];
  let size = 0;
  let overlong = false;
  const finish = () => {
    const text = overlong ? null : Buffer.concat(parts, size).toString("utf8").replace(/\r$/, "");
    parts = [];
    size = 0;
    overlong = false;
    return text;
  };
  for await (const chunk of input) {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      const end = nl === -1 ? chunk.length : nl;
      if (!overlong) {
        if (size + end - start > maxLineBytes) {
          overlong = true;
          parts = [];
          size = 0;
        } else if (end > start) {
          parts.push(chunk.subarray(start, end));
          size += end - start;
        }
      }
      if (nl === -1) break;
      yield finish();
      start = nl + 1;
    }
  }
  if (overlong || size > 0) yield finish();
}

/** Thrown by capBytes past its limit. */
export class TooLarge extends Error {}

/** Pass a byte stream through, and stop it with TooLarge once more than `max` bytes have passed. */
export async function* capBytes(input: AsyncIterable<Buffer>, max: number): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const chunk of input) {
    total += chunk.length;
    if (total > max) throw new TooLarge();
    yield chunk;
  }
}
