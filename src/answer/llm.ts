import type { Passage } from "../types.js";
import { cite } from "./extractive.js";
import type { AnswerModel, ComposedAnswer } from "./model.js";
import type { PromptTemplate } from "./prompts.js";
import type { Question, Script } from "./question.js";

export interface LlmOptions {
  /** An OpenAI-compatible API root, e.g. http://127.0.0.1:11434/v1 (Ollama) or a hosted endpoint. */
  baseUrl: string;
  apiKey: string | undefined;
  model: string;
  timeoutMs: number;
  prompts: { system: PromptTemplate; user: PromptTemplate };
  /** Answers when the LLM fails, times out, or cites nothing it was given. */
  fallback: AnswerModel;
  fetch?: typeof fetch;
}

/** What the model is told to say when the passages do not answer the question. */
export const NOT_IN_ARTICLES = "NOT_IN_ARTICLES";

const LANGUAGE: Record<Script, string> = {
  simplified: "Simplified Chinese",
  traditional: "Traditional Chinese",
  english: "English, keeping Chinese names in Chinese characters with a short English gloss where helpful",
};

/** Longest LLM answer kept; the prompt asks for under 300 characters, a runaway model is cut. */
export const MAX_ANSWER_CHARS = 1500;
/** Tokens the model may write: a little more than MAX_ANSWER_CHARS of Chinese. */
const MAX_TOKENS = 1024;

/** Passage text can say anything: it must not be able to close its delimiter or forge one. */
const defuse = (text: string) => text.replace(/<(\/?)passage/gi, "‹$1passage");
const attribute = (text: string) => defuse(text).replace(/"/g, "'").replace(/\s+/g, " ");

/** The passages between explicit delimiters, so the model cannot mistake one passage's text for another or for instructions. */
export function delimitedPassages(passages: readonly Passage[]): string {
  return passages.map((p, i) => `<passage id="${i + 1}" title="${attribute(p.title)}" date="${p.published ?? "日期不详"}">\n${defuse(p.text)}\n</passage>`).join("\n\n");
}

/** An answer cut to MAX_ANSWER_CHARS code points, at the last sentence end when there is one. */
function capAnswer(text: string): { text: string; cut: boolean } {
  const chars = [...text];
  if (chars.length <= MAX_ANSWER_CHARS) return { text, cut: false };
  const head = chars.slice(0, MAX_ANSWER_CHARS).join("");
  const end = Math.max(...["。", "！", "？", "\n", ". ", "! ", "? "].map((m) => head.lastIndexOf(m)));
  return { text: end > head.length / 2 ? head.slice(0, end + 1).trim() : `${head}…`, cut: true };
}

/**
 * Keep only citations of passages that were given, as cite(i) markers; report how many
 * markers pointed elsewhere. Full-width brackets and lists like [1, 3] are read too.
 */
export function checkCitations(text: string, passageCount: number): { text: string; valid: number; removed: number } {
  let valid = 0;
  let removed = 0;
  const out = text.replace(/[[［]\s*(\d+(?:\s*[,，、]\s*\d+)*)\s*[\]］]/g, (_m, list: string) =>
    list
      .split(/[,，、]/)
      .map((n) => Number(n.trim()))
      .map((n) => {
        if (Number.isInteger(n) && n >= 1 && n <= passageCount) {
          valid++;
          return cite(n - 1);
        }
        removed++;
        return "";
      })
      .join(""),
  );
  return { text: out.replace(/[ \t]+\n/g, "\n").trim(), valid, removed };
}

/** An answer model that asks an OpenAI-compatible chat-completions endpoint, with the extractive answer as fallback. */
export function createLlmAnswerer(options: LlmOptions): AnswerModel {
  const doFetch = options.fetch ?? fetch;
  const fallBack = async (question: Question, passages: readonly Passage[], why: string): Promise<ComposedAnswer> => {
    const answer = await options.fallback.compose(question, passages);
    return { ...answer, note: `${why}; showing the ${options.fallback.name} answer` };
  };
  return {
    name: "llm",
    async compose(question, passages) {
      if (passages.length === 0) return options.fallback.compose(question, passages);
      const body = {
        model: options.model,
        temperature: 0,
        messages: [
          { role: "system", content: options.prompts.system.render({ language: LANGUAGE[question.script] }) },
          { role: "user", content: options.prompts.user.render({ question: question.raw, passages: delimitedPassages(passages) }) },
        ],
        max_tokens: MAX_TOKENS,
      };
      let content: string;
      try {
        const response = await doFetch(`${options.baseUrl.replace(/\/+$/, "")}/chat/completions`, {
          method: "POST",
          headers: { "content-type": "application/json", ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}) },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(options.timeoutMs),
        });
        if (!response.ok) return fallBack(question, passages, `the LLM endpoint answered HTTP ${response.status}`);
        let json: { choices?: { message?: { content?: unknown } }[] };
        try {
          json = JSON.parse(await response.text()) as typeof json;
        } catch (error) {
          if (error instanceof SyntaxError) return fallBack(question, passages, "the LLM endpoint returned malformed JSON");
          throw error;
        }
        const c = json.choices?.[0]?.message?.content;
        if (typeof c !== "string" || c.trim() === "") return fallBack(question, passages, "the LLM returned no answer text");
        content = c.trim();
      } catch (error) {
        const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
        return fallBack(question, passages, timedOut ? `the LLM did not answer within ${options.timeoutMs / 1000} s` : "the LLM endpoint could not be reached");
      }
      if (content.includes(NOT_IN_ARTICLES)) return { answered: false, text: "" };
      // ⟦n⟧ is our internal citation marker: written by the model, it would cite unchecked.
      const capped = capAnswer(content.replace(/[⟦⟧]/g, ""));
      const checked = checkCitations(capped.text, passages.length);
      if (checked.valid === 0) return fallBack(question, passages, "the LLM answer cited none of the given passages");
      const notes = [
        ...(checked.removed > 0 ? [`${checked.removed} citation(s) to passages that were not given were removed`] : []),
        ...(capped.cut ? [`the LLM answer was cut to ${MAX_ANSWER_CHARS} characters`] : []),
      ];
      return { answered: true, text: checked.text, ...(notes.length > 0 ? { note: notes.join("; ") } : {}) };
    },
  };
}
