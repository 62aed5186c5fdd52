import fs from "node:fs";
import path from "node:path";
import { ConfigError } from "../errors.js";

export interface PromptTemplate {
  name: string;
  variables: readonly string[];
  render(values: Readonly<Record<string, string>>): string;
}

const PLACEHOLDER = /\{\{\s*([a-zA-Z_][\w]*)\s*\}\}/g;

/**
 * Parse a prompt file: a front matter that declares its variables, then the text.
 * Loading fails when the text uses an undeclared variable or leaves a declared one unused;
 * rendering fails when a declared variable has no value.
 */
export function parsePrompt(source: string, origin: string): PromptTemplate {
  const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(source.replace(/\r\n/g, "\n"));
  if (!m) throw new ConfigError(`${origin}: a prompt file starts with a front matter (--- … ---) declaring "variables: [..]"`);
  const front = m[1] ?? "";
  const body = (m[2] ?? "").trim();
  const name = /^name:\s*(.+)$/m.exec(front)?.[1]?.trim() ?? path.basename(origin);
  const declared = /^variables:\s*\[(.*)\]\s*$/m.exec(front)?.[1];
  if (declared === undefined) throw new ConfigError(`${origin}: the front matter must declare "variables: [..]"`);
  const variables = declared.split(",").map((v) => v.trim()).filter((v) => v.length > 0);
  const used = new Set([...body.matchAll(PLACEHOLDER)].map((x) => x[1]!));
  const undeclared = [...used].filter((v) => !variables.includes(v));
  const unused = variables.filter((v) => !used.has(v));
  if (undeclared.length > 0) throw new ConfigError(`${origin}: uses undeclared variable(s) ${undeclared.join(", ")}`);
  if (unused.length > 0) throw new ConfigError(`${origin}: declares unused variable(s) ${unused.join(", ")}`);
  return {
    name,
    variables,
    render(values) {
      const missing = variables.filter((v) => values[v] === undefined);
      if (missing.length > 0) throw new ConfigError(`prompt ${name}: no value for ${missing.join(", ")}`);
      return body.replace(PLACEHOLDER, (_m, v: string) => values[v] ?? "");
    },
  };
}

export function loadPrompt(dir: string, file: string): PromptTemplate {
  const full = path.join(dir, file);
  let source: string;
  try {
    source = fs.readFileSync(full, "utf8");
  } catch {
    throw new ConfigError(`prompt file ${full} is missing; it ships in prompts/ (set PROMPTS_DIR if you moved it)`);
  }
  return parsePrompt(source, full);
}
