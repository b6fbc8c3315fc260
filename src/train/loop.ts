/**
 * The training loop, generic over the batch and the step: steps `start … totalSteps − 1` of a
 * task, a learning-rate schedule, periodic checkpoints of the task's state (plus the loop's
 * loss history), and resumption from the last checkpoint. `trainTokenModel` is the loop with
 * the next-token loss that pretraining and SFT use.
 */
import * as tf from '@tensorflow/tfjs';
import type { Avlm, SequenceBatch, TrainableSet } from '../model';
import type { RunDir } from '../runs';
import { loadLoopCheckpoint, saveLoopCheckpoint } from './checkpointing';
import { AdamW, type AdamWOptions } from './optimizer';
import { progressBar } from './progress';
import { learningRate, type ScheduleOptions } from './schedule';

/** What one step reports: the loss and any other plain-number metrics (e.g. TRL's). */
export interface StepOutput {
  loss: number;
  metrics?: Record<string, number>;
}

/** One optimisation step on `batch` at learning rate `lr` (gradients computed, applied and disposed). */
export type StepFn<B> = (batch: B, lr: number) => StepOutput;

export interface TrainTask<B> {
  /** The batch of `step`: a pure function of the step, so a resumed run sees the same batches. */
  batchAt(step: number): B;
  step: StepFn<B>;
  /** Frees the batch's tensors after its step. */
  disposeBatch(batch: B): void;
  /** The tensors a checkpoint holds (trained weights, optimizer moments), by name. */
  stateTensors(): Record<string, tf.Tensor>;
  /** Restores `stateTensors()` as saved after `step` steps. */
  restoreState(tensors: Record<string, tf.Tensor>, step: number, where: string): void;
  /** Called after each step (logging); `step` is 0-based. */
  onStep?(step: number, out: StepOutput, lr: number): void;
  /** Called once when the loop resumes at `step` from a checkpoint (e.g. to cut a log back to it). */
  onResume?(step: number): void;
  /** The metric shown beside the loss in the progress bar, if any (e.g. `rewards/accuracies`). */
  progressMetric?: { key: string; label: string };
}

export interface LoopOptions {
  /** Label of the progress bar. */
  label: string;
  totalSteps: number;
  schedule: ScheduleOptions;
  /** Save a checkpoint every this many steps (not at the end); 0 disables. */
  checkpointEvery: number;
  /** Show a progress bar. */
  progress: boolean;
}

export interface LoopSummary {
  steps: number;
  /** Steps run by this call (the rest came from a checkpoint). */
  stepsThisRun: number;
  /** Wall-clock seconds of this call. */
  seconds: number;
  /** Mean loss of each block of up to 25 steps, in order (carried across resumptions). */
  lossCurve: number[];
  /** Mean loss over the last 25 steps. */
  finalLoss: number;
}

const BLOCK = 25;

interface LoopState {
  lossCurve: number[];
  block: number[];
}

/** Runs the task's steps from its run's latest checkpoint (or 0) to `totalSteps`. */
export async function trainLoop<B>(task: TrainTask<B>, opts: LoopOptions, run?: RunDir): Promise<LoopSummary> {
  const t0 = performance.now();
  let start = 0;
  let { lossCurve, block }: LoopState = { lossCurve: [], block: [] };
  const ckpt = run === undefined ? undefined : await loadLoopCheckpoint<LoopState>(run);
  if (ckpt !== undefined) {
    try {
      task.restoreState(ckpt.tensors, ckpt.step, `checkpoint ${ckpt.dir}`);
    } finally {
      tf.dispose(ckpt.tensors);
    }
    start = ckpt.step;
    lossCurve = ckpt.state.lossCurve;
    block = ckpt.state.block;
    task.onResume?.(start);
  }
  const bar = progressBar(opts.label, opts.totalSteps, start, opts.progress, task.progressMetric?.label);
  for (let step = start; step < opts.totalSteps; step++) {
    const batch = task.batchAt(step);
    const lr = learningRate(step, opts.totalSteps, opts.schedule);
    let out: StepOutput;
    try {
      out = task.step(batch, lr);
    } finally {
      task.disposeBatch(batch);
    }
    if (!Number.isFinite(out.loss)) throw new Error(`${opts.label}: loss is ${out.loss} at step ${step}`);
    task.onStep?.(step, out, lr);
    block.push(out.loss);
    if (block.length === BLOCK) {
      lossCurve.push(block.reduce((a, b) => a + b, 0) / BLOCK);
      block = [];
    }
    const key = task.progressMetric?.key;
    bar.update(step + 1, out.loss, key === undefined ? undefined : out.metrics?.[key]);
    // let timers run (the progress bar prints from a timer off a TTY)
    await new Promise((resolve) => setImmediate(resolve));
    const done = step + 1;
    if (run !== undefined && opts.checkpointEvery > 0 && done % opts.checkpointEvery === 0 && done < opts.totalSteps) {
      await saveLoopCheckpoint(run, done, task.stateTensors(), { lossCurve, block } satisfies LoopState);
    }
  }
  bar.stop();
  if (block.length > 0) {
    lossCurve.push(block.reduce((a, b) => a + b, 0) / block.length);
    block = [];
  }
  return {
    steps: opts.totalSteps,
    stepsThisRun: opts.totalSteps - start,
    seconds: (performance.now() - t0) / 1000,
    lossCurve,
    finalLoss: lossCurve[lossCurve.length - 1] ?? NaN,
  };
}

/** Mean over response tokens of −log p(token): the LM / SFT objective. A scalar owned by the caller. */
export function nllLoss(model: Avlm, batch: SequenceBatch): tf.Scalar {
  return tf.tidy(() => {
    const { logps } = model.tokenLogProbs(batch);
    if (logps.shape[0] === 0) throw new Error('nllLoss: the batch has no response tokens');
    return tf.neg(tf.mean(logps)) as tf.Scalar;
  });
}

/** One AdamW step on the next-token loss. */
export function nllStep(model: Avlm, vars: tf.Variable[], optimizer: AdamW): StepFn<SequenceBatch> {
  return (batch, lr) => {
    const { value, grads } = tf.variableGrads(() => nllLoss(model, batch), vars);
    optimizer.apply(grads, lr).dispose();
    const loss = value.dataSync()[0] as number;
    tf.dispose([value, ...Object.values(grads)]);
    return { loss };
  };
}

/** Frees a sequence batch's feature tensors. */
export function disposeSequenceBatch(batch: SequenceBatch): void {
  tf.dispose([batch.audio, batch.video].filter((t) => t !== undefined) as tf.Tensor[]);
}

export interface TokenLoopOptions extends LoopOptions {
  trainable: TrainableSet;
  adamw: Partial<AdamWOptions>;
}

/**
 * Trains `model`'s `trainable` set on the next-token loss with AdamW (pretraining, SFT).
 * Checkpoints hold every model variable (`model.<name>`) and the AdamW moments.
 */
export async function trainTokenModel(model: Avlm, batchAt: (step: number) => SequenceBatch, opts: TokenLoopOptions, run?: RunDir): Promise<LoopSummary> {
  const vars = model.setTrainable(opts.trainable);
  const optimizer = new AdamW(vars, opts.adamw);
  try {
    const task: TrainTask<SequenceBatch> = {
      batchAt,
      step: nllStep(model, vars, optimizer),
      disposeBatch: disposeSequenceBatch,
      stateTensors: () => {
        const named: Record<string, tf.Tensor> = { ...optimizer.state() };
        for (const [n, v] of Object.entries(model.params)) named[`model.${n}`] = v;
        return named;
      },
      restoreState: (loaded, step, where) => {
        for (const [name, v] of Object.entries(model.params)) {
          const t = loaded[`model.${name}`];
          if (t === undefined) throw new Error(`${where}: variable "${name}" is missing`);
          v.assign(t);
        }
        optimizer.loadState(loaded, step, where);
      },
    };
    return await trainLoop(task, opts, run);
  } finally {
    optimizer.dispose();
    model.setTrainable('all');
  }
}
