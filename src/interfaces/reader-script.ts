import type { Citation } from "../answer/answer.js";
import type { Script } from "../answer/question.js";
import { toSimplified, toTraditional } from "../text/normalize.js";

/** Text in the reader's script: Simplified and Traditional readers get theirs, English readers the page's own. */
export function toScript(text: string, script: Script): string {
  return script === "simplified" ? toSimplified(text) : script === "traditional" ? toTraditional(text) : text;
}

/** A label in the reader's language: English, or the Chinese one in the reader's script. */
export function label(script: Script, en: string, zh: string): string {
  return script === "english" ? en : toScript(zh, script);
}

/** Said before an answer marked unsure (AskResult.unsure), in the reader's language. */
export function unsureWarning(script: Script): string {
  return label(script, "Not sure: this is the closest the articles come. Check it against the sources.", "把握不大：这是文章里最接近的说法，请对照来源核实。");
}

/**
 * A citation as its reader sees it under an answer: title, source and passage in the reader's
 * script (a Simplified answer should not quote Traditional pages). The original stays in the
 * AskResult, for the full-passage button, /sources and --json.
 */
export function citationForReader(c: Citation, script: Script): Citation {
  return { ...c, title: toScript(c.title, script), source: c.source === null ? null : toScript(c.source, script), passage: toScript(c.passage, script) };
}
