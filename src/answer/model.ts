import type { Passage } from "../types.js";
import type { Question } from "./question.js";

/** What an answer model produces. `text` cites passages with cite(i) markers (indexes into the passages given). */
export interface ComposedAnswer {
  answered: boolean;
  text: string;
  /** The answer itself when a span was found with confidence (the text's first line): shown in bold. */
  direct?: string;
  /** How likely the evidence answers the question (answerability model), when the model gives one. */
  confidence?: number;
  /** On a refusal, why: no passages or terms, an eligibility check that failed, or low confidence (for evaluation and logs). */
  refusal?: string;
  /** How many of the things a question asks in turn no evidence sentence gives a value for (…多少人？哪天开业？ answered for one). */
  uncovered?: number;
  /** Said to the user with the answer, e.g. that the LLM failed and the extractive answer is shown. */
  note?: string;
}

/** Composes an answer from retrieved passages, or refuses. */
export interface AnswerModel {
  readonly name: string;
  compose(question: Question, passages: readonly Passage[]): Promise<ComposedAnswer>;
}
