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

function numberedPassages(passages: readonly Passage[]): string {
  return passages.map((p, i) => `[${i + 1}] 《${p.title}》（${p.published ?? "日期不详"}）\n${p.text}`).join("\n\n");
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
          { role: "user", content: options.prompts.user.render({ question: question.raw, passages: numberedPassages(passages) }) },
        ],
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
        const json = (await response.json()) as { choices?: { message?: { content?: unknown } }[] };
        const c = json.choices?.[0]?.message?.content;
        if (typeof c !== "string" || c.trim() === "") return fallBack(question, passages, "the LLM returned no answer text");
        content = c.trim();
      } catch (error) {
        const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
        return fallBack(question, passages, timedOut ? `the LLM did not answer within ${options.timeoutMs / 1000} s` : "the LLM endpoint could not be reached");
      }
      if (content.includes(NOT_IN_ARTICLES)) return { answered: false, text: "" };
      const checked = checkCitations(content, passages.length);
      if (checked.valid === 0) return fallBack(question, passages, "the LLM answer cited none of the given passages");
      return { answered: true, text: checked.text, ...(checked.removed > 0 ? { note: `${checked.removed} citation(s) to passages that were not given were removed` } : {}) };
    },
  };
}
