/**
 * The coordinator's progress on stderr: `[queue] done/total done, F failed, L to go; workers
 * seen: a, b` when something changes (and every 30 s while nothing does), plus one line per
 * event worth knowing (a failed run, a lost or regained connection).
 */

const HEARTBEAT_MS = 30_000;

export class SweepProgress {
  done = 0;
  failed = 0;
  readonly workers = new Set<string>();
  private last = '';
  private lastAt = 0;

  constructor(
    private readonly total: number,
    private readonly enabled: boolean,
  ) {}

  /** Notes a worker name (from a job or from the queue's client list). */
  saw(worker: string | undefined): void {
    if (worker !== undefined && worker !== '') this.workers.add(worker);
  }

  /** Prints the progress line when it changed or the heartbeat is due. */
  line(): void {
    const left = this.total - this.done - this.failed;
    const workers = this.workers.size === 0 ? 'none yet' : [...this.workers].sort().join(', ');
    const text = `[queue] ${this.done}/${this.total} done, ${this.failed} failed, ${left} to go; workers seen: ${workers}`;
    if (text === this.last && Date.now() - this.lastAt < HEARTBEAT_MS) return;
    this.last = text;
    this.lastAt = Date.now();
    if (this.enabled) process.stderr.write(`${text}\n`);
  }

  /** One event line (always printed when progress is on). */
  note(msg: string): void {
    if (this.enabled) process.stderr.write(`[queue] ${msg}\n`);
  }
}
