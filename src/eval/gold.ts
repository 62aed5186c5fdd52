import fs from "node:fs";
import { z } from "zod";
import { InputError } from "../errors.js";

const GoldSchema = z.object({
  id: z.string().min(1),
  q: z.string().min(1),
  all: z.array(z.string()).default([]),
  any: z.array(z.string()).default([]),
  unanswerable: z.boolean().default(false),
  doc: z.string().optional(),
  /** Asked in the same conversation right after the question with this id. */
  after: z.string().optional(),
});

export type GoldQuestion = z.infer<typeof GoldSchema>;

/** Read a gold file (JSON Lines); a bad line stops with its number and the problem. */
export function readGold(file: string): GoldQuestion[] {
  const out: GoldQuestion[] = [];
  const ids = new Set<string>();
  fs.readFileSync(file, "utf8")
    .split("\n")
    .forEach((line, i) => {
      if (line.trim() === "") return;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (e) {
        throw new InputError(`${file}:${i + 1}`, `malformed JSON (${(e as Error).message})`);
      }
      const parsed = GoldSchema.safeParse(value);
      if (!parsed.success) throw new InputError(`${file}:${i + 1}`, parsed.error.issues.map((x) => `${x.path.join(".")}: ${x.message}`).join("; "));
      if (ids.has(parsed.data.id)) throw new InputError(`${file}:${i + 1}`, `duplicate id ${parsed.data.id}`);
      if (parsed.data.after && !ids.has(parsed.data.after)) throw new InputError(`${file}:${i + 1}`, `"after": ${parsed.data.after} must name an earlier question`);
      ids.add(parsed.data.id);
      out.push(parsed.data);
    });
  return out;
}
