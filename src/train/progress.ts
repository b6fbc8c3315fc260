/** A cli-progress bar with loss (and optionally one more metric) and ETA; prints plain lines every few seconds off a TTY (logs, notebooks). */
import { SingleBar } from 'cli-progress';

export interface Progress {
  update(step: number, loss: number, metric?: number): void;
  stop(): void;
}

const SILENT: Progress = { update: () => undefined, stop: () => undefined };

/** `metricLabel` names the optional metric shown after the loss (e.g. `acc` for the reward accuracy). */
export function progressBar(label: string, total: number, start: number, enabled: boolean, metricLabel?: string): Progress {
  if (!enabled) return SILENT;
  const bar = new SingleBar({
    format: `${label} [{bar}] {percentage}% | {value}/{total} steps | loss {loss}{metric} | ETA {eta_formatted} | {duration_formatted}`,
    noTTYOutput: true,
    notTTYSchedule: 5000,
    etaBuffer: 50,
    hideCursor: process.stderr.isTTY === true,
    stream: process.stderr,
  });
  bar.start(total, start, { loss: '—', metric: '' });
  return {
    update: (step, loss, metric) =>
      bar.update(step, { loss: loss.toFixed(4), metric: metricLabel === undefined || metric === undefined ? '' : ` | ${metricLabel} ${metric.toFixed(3)}` }),
    stop: () => bar.stop(),
  };
}
