import readline from "node:readline";
import type { App } from "../../app.js";
import { formatAnswer } from "./format.js";

const HELP = `Ask a question about the indexed articles, in Chinese (Simplified or Traditional) or English.
Examples:  史志军在金湖调研了哪些企业？   如东经济开发区有哪两大特色产业？
Type "exit" (or press Ctrl-D) to leave.`;

/** The interactive console chat: one question per line, answers with their sources. */
export async function runConsoleChat(app: App, input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stdout): Promise<void> {
  const counts = app.generation.store.counts();
  output.write(`${counts.articles} articles, ${counts.chunks} passages, retrieval: ${app.retriever.defaultMode}.\n${HELP}\n`);
  const rl = readline.createInterface({ input, output, terminal: (input as NodeJS.ReadStream).isTTY === true, prompt: "问> " });
  rl.on("SIGINT", () => rl.close());
  rl.prompt();
  for await (const line of rl) {
    const question = line.trim();
    if (question === "exit" || question === "quit") break;
    if (question === "help" || question === "/help") output.write(`${HELP}\n`);
    else if (question !== "") output.write(`${formatAnswer(await app.ask(question, "console"))}\n\n`);
    rl.prompt();
  }
  rl.close();
}
