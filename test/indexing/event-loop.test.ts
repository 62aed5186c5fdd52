import { describe, expect, it } from "vitest";
import { openGeneration } from "../../src/indexing/generation.js";
import { ingestDocuments } from "../../src/indexing/ingest.js";
import type { LoadEvent } from "../../src/ingest/load.js";
import { createTerms } from "../../src/text/terms.js";
import { tempDir } from "../helpers.js";

/** Events that are all ready at once, as a loader's are when its data is buffered: only microtasks between them. */
async function* ready(n: number): AsyncGenerator<LoadEvent> {
  for (let i = 0; i < n; i++) {
    if (i % 3 === 0) yield { kind: "rejected", origin: `flood.jsonl:${i + 1}`, reason: "malformed JSON" };
    else yield { kind: "document", doc: { id: `d${i}`, origin: `flood.jsonl:${i + 1}`, text: `第${i}条：金湖县召开仪器仪表产业推进会，部署全年重点工作。`, format: "json", title: null, publishedRaw: null, source: null, url: null } };
  }
}

describe("a big ingest shares the event loop", () => {
  it("lets timers and sockets run while it works, however fast its input arrives", async () => {
    const gen = openGeneration(tempDir(), "g", { embedder: null, ef: 50 });
    let turns = 0;
    let counting = true;
    const tick = () => {
      turns++;
      if (counting) setImmediate(tick);
    };
    setImmediate(tick);
    try {
      const report = await ingestDocuments(ready(3000), { ...gen, embedder: null }, { chunk: { minChars: 150, maxChars: 400 }, terms: createTerms() });
      counting = false;
      expect(report.added + report.rejectedCount).toBe(3000);
      // Other work (another chat's answer) gets a turn at least every 256 events.
      expect(turns).toBeGreaterThanOrEqual(Math.floor(3000 / 256));
    } finally {
      counting = false;
      gen.close();
    }
  });
});
