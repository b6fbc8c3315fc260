/** A cli-progress bar with loss and ETA; prints plain lines every few seconds off a TTY (logs, notebooks). */
import { SingleBar } from 'cli-progress';

export interface Progress {
  update(step: number, loss: number): void;
  stop(): void;
}

const SILENT: Progress = { update: () => undefined, stop: () => undefined };

export function progressBar(label: string, total: number, start: number, enabled: boolean): Progress {
  if (!enabled) return SILENT;
  const bar = new SingleBar({
    format: `${label} [{bar}] {percentage}% | {value}/{total} steps | loss {loss} | ETA {eta_formatted} | {duration_formatted}`,
    noTTYOutput: true,
    notTTYSchedule: 5000,
    etaBuffer: 50,
    hideCursor: process.stderr.isTTY === true,
    stream: process.stderr,
  });
  bar.start(total, start, { loss: '—' });
  return {
    update: (step, loss) => bar.update(step, { loss: loss.toFixed(4) }),
    stop: () => bar.stop(),
  };
}
