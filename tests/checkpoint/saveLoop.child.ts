/**
 * Kill-test child: saves checkpoint k = 1, 2, … into the same directory, forever. Checkpoint k
 * holds one tensor of N values all equal to k and `meta.step` = k, so a mix of two saves shows.
 * `meta.curve` (M numbers, like a long loss curve) makes the manifest slow to write, which
 * widens the time between writing the weights and the manifest. Prints "saved k" after each save.
 *
 *   node --import tsx tests/checkpoint/saveLoop.child.ts DIR N M
 */
import * as tf from '@tensorflow/tfjs';
import { saveTensors } from '../../src/checkpoint';

async function main(): Promise<void> {
  const [dir, n, m] = process.argv.slice(2) as [string, string, string];
  await tf.setBackend('cpu');
  for (let k = 1; ; k++) {
    const w = tf.fill([Number(n)], k);
    await saveTensors(dir, { w }, { step: k, curve: new Array<number>(Number(m)).fill(k) });
    w.dispose();
    process.stdout.write(`saved ${k}\n`);
  }
}

void main();
