/**
 * The perception evidence of the diagnostics (issue 11): linear probes on the renderer's features
 * and on each reference's projected AV tokens (SFT seed 1), trained on the SFT clips and scored
 * on the benchmark's stress and agreement questions. It tells a reader whether the evidence a
 * question needs reaches the LM, so whether the model's failures are its own. Cached under
 * `runs/probes-<hash>/result.json`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { writeJsonAtomic } from '../runs';
import { buildReferences, configHash, datasetsFor, defaultRunsRoot, FeatureCache, type ReferenceName } from '../train';
import type { Avlm } from '../model';
import type { DiagnosticsConfig, DiagnosticsOptions } from './diagnostics';
import { REFERENCE_LABEL, type Row } from './diagnosticsTables';
import { runProbes, type ProbeResult } from './probe';
import { projectedEncoder, renderedEncoder, type ClipEncoder } from './probeFeatures';
import { withSftSeed } from './seeds';

/** Bump when the probe computation changes. */
export const PROBE_DIAGNOSTICS_VERSION = 2;
const PROBE_SEED = 1;

/** Probes on the rendered features and on every reference's projected tokens (SFT seed 1), cached. */
export async function runProbeDiagnostics(cfg: DiagnosticsConfig, opts: DiagnosticsOptions = {}): Promise<ProbeResult> {
  const root = opts.root ?? defaultRunsRoot();
  const fixed = withSftSeed(cfg, PROBE_SEED);
  const dir = path.join(root, `probes-${configHash({ version: PROBE_DIAGNOSTICS_VERSION, build: fixed.build, references: fixed.references })}`);
  const file = path.join(dir, 'result.json');
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as ProbeResult;
  const build = await buildReferences(fixed.build, { root, progress: opts.progress ?? false, only: fixed.references });
  try {
    const d = datasetsFor(fixed.build.data);
    const features = new FeatureCache(fixed.build.data.world).add(d.sft.clips).add(d.benchmark.clips);
    const encoders: ClipEncoder[] = [renderedEncoder(features, fixed.build.data.world.renderer.f)];
    for (const ref of fixed.references) encoders.push(projectedEncoder(build.models[ref] as Avlm, features, `${ref} projector`));
    const result = runProbes({ sftClips: d.sft.clips, benchmark: { items: d.benchmark.items, clips: d.benchmark.clips } }, encoders);
    fs.mkdirSync(dir, { recursive: true });
    writeJsonAtomic(file, result);
    return result;
  } finally {
    Object.values(build.models).forEach((m) => m?.dispose());
  }
}

const pct = (x: number): number => Math.round(x * 1000) / 10;

function encoderLabel(name: string): string {
  const ref = name.replace(/ projector$/, '') as ReferenceName;
  return name === ref ? name : `${REFERENCE_LABEL[ref] ?? ref}: projected tokens`;
}

/** One row per encoder: the probe's accuracy (%) on the asked cue's presence, per stress subtask × modality. */
export function probeStressRows(p: ProbeResult): Row[] {
  const rows = new Map<string, Row>();
  for (const r of p.stress) {
    const row = rows.get(r.encoder) ?? { features: encoderLabel(r.encoder) };
    row[`${r.modality}_${r.subtask}`] = pct(r.accuracy);
    rows.set(r.encoder, row);
  }
  return [...rows.values()];
}

/** One row per encoder and readout: the agreement probe's accuracy (%) on agreeing (Yes) and disagreeing (No) questions. */
export function probeAgreementRows(p: ProbeResult): Row[] {
  return p.agreement.map((r) => ({
    features: encoderLabel(r.encoder),
    readout: r.readout,
    accuracy: pct(r.accuracy),
    on_yes_items: pct(r.accuracyAgree),
    on_no_items: pct(r.accuracyDisagree),
  }));
}
