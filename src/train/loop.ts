/**
 * The training loop shared by the stages: token-mean negative log-likelihood of the
 * response tokens, AdamW on the stage's trainable set, a learning-rate schedule, periodic
 * checkpoints of weights + optimizer state, and resumption from the last checkpoint.
 */
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { loadTensors, readManifest, saveTensors } from '../checkpoint';
import type { Avlm, SequenceBatch, TrainableSet } from '../model';
import { AdamW, type AdamWOptions } from './optimizer';
import { progressBar } from './progress';
import { commitCheckpoint, latestCheckpoint, type RunDir } from './runs';
import { learningRate, type ScheduleOptions } from './schedule';

export interface LoopOptions {
  /** Label of the progress bar. */
  label: string;
  trainable: TrainableSet;
  totalSteps: number;
  schedule: ScheduleOptions;
  adamw: Partial<AdamWOptions>;
  /** Save a checkpoint every this many steps (and at the end); 0 disables. */
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

/** Mean over response tokens of −log p(token): the LM / SFT objective. A scalar owned by the caller. */
export function nllLoss(model: Avlm, batch: SequenceBatch): tf.Scalar {
  return tf.tidy(() => {
    const { logps } = model.tokenLogProbs(batch);
    if (logps.shape[0] === 0) throw new Error('nllLoss: the batch has no response tokens');
    return tf.neg(tf.mean(logps)) as tf.Scalar;
  });
}

const BLOCK = 25;

/**
 * Runs steps `start … totalSteps − 1`, where `start` comes from the run's latest checkpoint
 * (0 without one). `batchAt(step)` must be a pure function of the step (so a resumed run sees
 * the same batches); the loop disposes the batch's tensors.
 */
export async function trainLoop(model: Avlm, batchAt: (step: number) => SequenceBatch, opts: LoopOptions, run?: RunDir): Promise<LoopSummary> {
  const t0 = performance.now();
  const vars = model.setTrainable(opts.trainable);
  const optimizer = new AdamW(vars, opts.adamw);
  let start = 0;
  let lossCurve: number[] = [];
  let block: number[] = [];
  const ckpt = run === undefined ? undefined : latestCheckpoint(run);
  try {
    if (ckpt !== undefined) {
      const meta = readManifest(ckpt.dir).meta as { step: number; lossCurve: number[]; block: number[] };
      const loaded = await loadTensors(ckpt.dir);
      try {
        for (const [name, v] of Object.entries(model.params)) {
          const t = loaded[`model.${name}`];
          if (t === undefined) throw new Error(`checkpoint ${ckpt.dir}: variable "${name}" is missing`);
          v.assign(t);
        }
        optimizer.loadState(loaded, meta.step, `checkpoint ${ckpt.dir}`);
      } finally {
        tf.dispose(loaded);
      }
      start = meta.step;
      lossCurve = meta.lossCurve;
      block = meta.block;
    }
    const save = async (step: number) => {
      if (run === undefined) return;
      const name = `ckpt-${String(step).padStart(6, '0')}`;
      const named: Record<string, tf.Tensor> = { ...optimizer.state() };
      for (const [n, v] of Object.entries(model.params)) named[`model.${n}`] = v;
      await saveTensors(path.join(run.dir, name), named, { step, lossCurve, block });
      commitCheckpoint(run, step, name);
    };
    const bar = progressBar(opts.label, opts.totalSteps, start, opts.progress);
    for (let step = start; step < opts.totalSteps; step++) {
      const batch = batchAt(step);
      let loss: number;
      try {
        const lr = learningRate(step, opts.totalSteps, opts.schedule);
        const { value, grads } = tf.variableGrads(() => nllLoss(model, batch), vars);
        optimizer.apply(grads, lr).dispose();
        loss = value.dataSync()[0] as number;
        tf.dispose([value, ...Object.values(grads)]);
      } finally {
        tf.dispose([batch.audio, batch.video].filter((t) => t !== undefined) as tf.Tensor[]);
      }
      if (!Number.isFinite(loss)) throw new Error(`${opts.label}: loss is ${loss} at step ${step}`);
      block.push(loss);
      if (block.length === BLOCK) {
        lossCurve.push(block.reduce((a, b) => a + b, 0) / BLOCK);
        block = [];
      }
      bar.update(step + 1, loss);
      // let timers run (the progress bar prints from a timer off a TTY)
      await new Promise((resolve) => setImmediate(resolve));
      const done = step + 1;
      if (opts.checkpointEvery > 0 && done % opts.checkpointEvery === 0 && done < opts.totalSteps) await save(done);
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
  } finally {
    optimizer.dispose();
    model.setTrainable('all');
  }
}
