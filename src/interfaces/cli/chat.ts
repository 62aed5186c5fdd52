import readline from "node:readline";
import type { AskResult } from "../../answer/answer.js";
import type { App } from "../../app.js";
import { formatAnswer, formatSources } from "./format.js";

const HELP = `Ask a question about the indexed articles, in Chinese (Simplified or Traditional) or English.
Examples:  史志军在金湖调研了哪些企业？   如东经济开发区有哪两大特色产业？
Sources are shown in the script of your question; "/sources" shows the last answer's as published.
Type "exit" (or press Ctrl-D) to leave.`;

/** The interactive console chat: one question per line, answers with their sources. */
export async function runConsoleChat(app: App, input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stdout): Promise<void> {
  const counts = app.generation.store.counts();
  output.write(`${counts.articles} articles, ${counts.chunks} passages, retrieval: ${app.retriever.defaultMode}.\n${HELP}\n`);
  const rl = readline.createInterface({ input, output, terminal: (input as NodeJS.ReadStream).isTTY === true, prompt: "问> " });
  rl.on("SIGINT", () => rl.close());
  rl.prompt();
  let last: AskResult | undefined;
  for await (const line of rl) {
    const question = line.trim();
    if (question === "exit" || question === "quit") break;
    if (question === "help" || question === "/help") output.write(`${HELP}\n`);
    else if (question === "/sources") output.write(`${formatSources(last)}\n\n`);
    else if (question !== "") {
      last = await app.ask(question, "console");
      output.write(`${formatAnswer(last)}\n\n`);
    }
    rl.prompt();
  }
  rl.close();
}
