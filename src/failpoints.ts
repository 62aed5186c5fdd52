/**
 * Crash points for the fault-injection tests. With NEWSQA_CRASH_AT=<name> (or <name>:<n>),
 * the process kills itself with SIGKILL the first (or n-th) time it passes the point named
 * <name>: the same abrupt end as `kill -9` or a power cut, at a chosen moment. Unset, as in
 * every normal run, a crash point costs one comparison.
 */
const spec = process.env.NEWSQA_CRASH_AT ?? "";
const counted = /^(.*):(\d+)$/.exec(spec);
const target = counted ? counted[1] : spec;
const limit = counted ? Number(counted[2]) : 1;
let passed = 0;

export function crashPoint(name: string): void {
  if (spec === "" || name !== target) return;
  passed++;
  if (passed >= limit) process.kill(process.pid, "SIGKILL");
}
