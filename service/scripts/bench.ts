/**
 * `npm run bench [-- --quick] [-- --only name1,name2]`: runs every benchmark module in service/scripts/bench/
 * (files `<name>.bench.ts` exporting `run({ quick })`) one after the other and prints their figures.
 * Targets are checked here, by benchmarks, never by timed tests: the machines are shared and noisy, so figures
 * that compare two things are measured in the same run and reported as ratios.
 */
import { readdir } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, only: { type: 'string' } } });
const dir = new URL('./bench/', import.meta.url);
const only = values.only?.split(',').map((s) => s.trim());

const files = (await readdir(dir)).filter((f) => f.endsWith('.bench.ts')).sort();
const started = performance.now();
for (const file of files) {
  const name = file.replace(/\.bench\.ts$/, '');
  if (only && !only.includes(name)) continue;
  process.stdout.write(`\n## ${name}${values.quick ? ' (quick)' : ''}\n`);
  const mod = (await import(pathToFileURL(new URL(file, dir).pathname).href)) as { run(opts: { quick: boolean }): Promise<void> };
  const t = performance.now();
  await mod.run({ quick: values.quick });
  process.stdout.write(`(${name}: ${((performance.now() - t) / 1000).toFixed(1)} s)\n`);
}
process.stdout.write(`\nall benchmarks: ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
process.exit(0);
