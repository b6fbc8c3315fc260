import { initBackend } from '../src/backend';

/** Reports once, in the test output, which backend the test workers use. */
export default async function setup(): Promise<void> {
  const info = await initBackend({ quiet: true });
  process.stdout.write(`\n[avere] tests run on backend: ${info.name} (${info.provider}; ${info.reason})\n\n`);
}
