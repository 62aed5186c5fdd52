import type { Logger } from "./log.js";

export interface StopSignal {
  /** Resolves with the signal's name on the first SIGINT or SIGTERM. */
  stopping: Promise<string>;
  readonly requested: string | null;
}

/**
 * Catch SIGINT and SIGTERM for a graceful stop: the first one resolves `stopping`; a second
 * one ends the process at once (locks this process holds are released on exit).
 */
export function watchStopSignals(log: Logger, exit: (code: number) => void = (code) => process.exit(code)): StopSignal {
  let requested: string | null = null;
  let resolve: (signal: string) => void = () => {};
  const stopping = new Promise<string>((r) => (resolve = r));
  const on = (signal: NodeJS.Signals) => {
    if (requested) {
      log.info(`${signal} again: stopping now`);
      exit(signal === "SIGINT" ? 130 : 143);
      return;
    }
    requested = signal;
    resolve(signal);
  };
  process.on("SIGINT", on);
  process.on("SIGTERM", on);
  return {
    stopping,
    get requested() {
      return requested;
    },
  };
}
