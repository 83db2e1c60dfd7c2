/**
 * Operators' embedding tool.
 *   npm run --silent embed -- --kind query|passage < lines.txt   one JSON array (the vector) per input line
 *   npm run embed -- --model                                       the active provider and model
 *   npm run embed -- --reembed [--force]                           move every table to the active model, with progress
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { openRuntime } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config.ts';
import { selectEmbedder } from '../src/core/embeddings/select.ts';
import { reembedAll } from '../src/core/embeddings/reembed.ts';
import { readEmbeddingSpaces } from '../src/db/embedding-columns.ts';
import { createLogger } from '../src/logger.ts';
import { createProgressBar } from './lib/progress.ts';

const { values } = parseArgs({
  options: {
    kind: { type: 'string', default: 'passage' },
    model: { type: 'boolean', default: false },
    reembed: { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

async function main() {
  if (values.help) {
    process.stdout.write('usage: embed [--kind query|passage] < lines.txt | --model | --reembed [--force]\n');
    return;
  }
  const config = loadConfig();
  const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  if (values.model || values.reembed) {
    const runtime = await openRuntime(config, log, { checkEmbeddings: false });
    try {
      const e = runtime.embedder;
      if (values.model) {
        process.stdout.write(`active: ${e.provider} ${e.id} (${e.dimension} dimensions)\n`);
        for (const [table, s] of await readEmbeddingSpaces(runtime.db.sql)) process.stdout.write(`stored: ${table}: ${s.modelId} (${s.dimension})\n`);
      }
      if (values.reembed) {
        const bar = createProgressBar('re-embedding');
        const started = performance.now();
        const result = await reembedAll({ sql: runtime.db.sql, embedder: e }, {
          force: values.force,
          onProgress: (p) => bar.update(p.overallDone, p.overallTotal, p.table),
        });
        bar.finish();
        const total = result.tables.reduce((a, t) => a + t.embedded, 0);
        process.stdout.write(`re-embedded ${total} rows with ${e.id} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
      }
    } finally {
      await runtime.close();
    }
    return;
  }
  if (values.kind !== 'query' && values.kind !== 'passage') throw new Error('--kind must be query or passage');
  const embedder = await selectEmbedder(config.embedder, log);
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let batch: string[] = [];
  const flush = async () => {
    const vectors = await embedder.embed(batch, values.kind as 'query' | 'passage');
    process.stdout.write(vectors.map((v) => JSON.stringify(Array.from(v, (x) => Math.round(x * 1e6) / 1e6))).join('\n') + '\n');
    batch = [];
  };
  for await (const line of lines) {
    batch.push(line);
    if (batch.length === 256) await flush();
  }
  if (batch.length) await flush();
  await embedder.close?.();
}

main().catch((err) => {
  process.stderr.write(`embed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
