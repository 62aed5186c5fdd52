import { FetchError } from "../errors.js";
import type { Fetcher } from "./fetch.js";

interface Rule {
  allow: boolean;
  path: string;
}

/** The rules of robots.txt that apply to `agent` (its own group, else the * group). */
export function parseRobots(text: string, agent: string): Rule[] {
  const token = agent.toLowerCase().split(/[/\s]/)[0] ?? "";
  const groups: { agents: string[]; rules: Rule[] }[] = [];
  let current: { agents: string[]; rules: Rule[] } | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*/, "").trim();
    const m = /^([\w-]+)\s*:\s*(.*)$/.exec(line);
    if (!m) continue;
    const field = m[1]!.toLowerCase();
    const value = m[2]!.trim();
    if (field === "user-agent") {
      if (!current || current.rules.length > 0) groups.push((current = { agents: [], rules: [] }));
      current.agents.push(value.toLowerCase());
    } else if ((field === "allow" || field === "disallow") && current) {
      if (value !== "") current.rules.push({ allow: field === "allow", path: value });
    }
  }
  const own = groups.filter((g) => g.agents.some((a) => a !== "*" && token.includes(a)));
  return (own.length > 0 ? own : groups.filter((g) => g.agents.includes("*"))).flatMap((g) => g.rules);
}

function matches(rule: string, path: string): boolean {
  const pattern = rule.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*");
  return new RegExp(`^${pattern.endsWith("\\$") ? `${pattern.slice(0, -2)}$` : pattern}`).test(path);
}

/** The longest matching rule decides; Allow wins a tie; no rule, allowed. */
export function robotsAllows(rules: readonly Rule[], path: string): boolean {
  let best: Rule | null = null;
  for (const r of rules) {
    if (!matches(r.path, path)) continue;
    if (!best || r.path.length > best.path.length || (r.path.length === best.path.length && r.allow)) best = r;
  }
  return best?.allow ?? true;
}

/**
 * robots.txt per site, fetched once an hour. A missing file (4xx) allows everything;
 * one that cannot be read (5xx, time-out) refuses the site until it can.
 */
export function createRobots(fetcher: Fetcher, agent: string, now: () => number = Date.now): (url: string) => Promise<void> {
  const cache = new Map<string, { rules: Rule[]; until: number }>();
  return async (url) => {
    const u = new URL(url);
    let entry = cache.get(u.origin);
    if (!entry || entry.until < now()) {
      let rules: Rule[];
      try {
        const res = await fetcher(`${u.origin}/robots.txt`, { accept: "text" });
        rules = parseRobots(res.body.toString("utf8"), agent);
      } catch (error) {
        if (!(error instanceof FetchError) || !/HTTP 4\d\d/.test(error.reason)) throw new FetchError(url, `robots.txt of ${u.host} could not be read (${error instanceof FetchError ? error.reason : String(error)}); trying again later`, true);
        rules = [];
      }
      entry = { rules, until: now() + 3_600_000 };
      cache.set(u.origin, entry);
    }
    if (!robotsAllows(entry.rules, u.pathname + u.search)) throw new FetchError(url, `robots.txt of ${u.host} does not allow fetching this page`);
  };
}
