import { describe, expect, it } from "vitest";
import { parsePrompt } from "../../src/answer/prompts.js";
import { ConfigError } from "../../src/errors.js";

describe("prompt templates", () => {
  it("renders declared variables", () => {
    const p = parsePrompt("---\nname: t\nvariables: [question, passages]\n---\nQ: {{question}}\n{{ passages }}", "t.md");
    expect(p.variables).toEqual(["question", "passages"]);
    expect(p.render({ question: "谁？", passages: "[1] 甲" })).toBe("Q: 谁？\n[1] 甲");
  });

  it.each([
    ["no front matter", "just text {{x}}", "starts with a front matter"],
    ["no variables line", "---\nname: t\n---\n{{x}}", 'must declare "variables: [..]"'],
    ["an undeclared variable", "---\nvariables: [a]\n---\n{{a}} {{b}}", "uses undeclared variable(s) b"],
    ["an unused variable", "---\nvariables: [a, b]\n---\n{{a}}", "declares unused variable(s) b"],
  ])("refuses a file with %s", (_n, source, message) => {
    expect(() => parsePrompt(source, "t.md")).toThrow(ConfigError);
    expect(() => parsePrompt(source, "t.md")).toThrow(message);
  });

  it("refuses to render without a value", () => {
    const p = parsePrompt("---\nvariables: [a]\n---\n{{a}}", "t.md");
    expect(() => p.render({})).toThrow("no value for a");
  });
});
