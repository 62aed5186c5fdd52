/** How far a long job is: units done of a total, and the seconds it has run. */
export interface JobProgress {
  done: number;
  total: number;
  seconds: number;
}

/** Seconds left at the rate so far, or null before there is a rate to go by. */
export function secondsLeft(p: JobProgress): number | null {
  if (p.done <= 0 || p.seconds <= 0) return null;
  return (Math.max(0, p.total - p.done) * p.seconds) / p.done;
}

/** "45 s", "12 min", "8.8 h": a time left, as precise as it is worth being. */
export function formatDuration(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** "1,200 of 159,856 passages (5.0/s) — 0%, about 8.8 h left" */
export function describeJob(p: JobProgress, unit: string): string {
  const rate = p.seconds > 0 ? p.done / p.seconds : 0;
  let text = `${p.done.toLocaleString("en")} of ${p.total.toLocaleString("en")} ${unit} (${rate >= 10 ? Math.round(rate).toLocaleString("en") : rate.toFixed(1)}/s)`;
  const left = secondsLeft(p);
  if (left !== null && p.total > 0) text += ` — ${Math.floor((100 * p.done) / p.total)}%, about ${formatDuration(left)} left`;
  return text;
}
