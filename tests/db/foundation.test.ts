import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SKILL_CODES, THEME_CODES, THEME_LABELS, BOARD_ROLE_CODES } from '../../service/src/contract/vocabulary.ts';
import { EmbeddingMismatchError, ensureEmbeddingColumns } from '../../service/src/db/embedding-columns.ts';
import { MIGRATIONS_DIR, migrate, migrationStatus } from '../../service/src/db/migrate.ts';
import type { Database } from '../../service/src/db/database.ts';
import { silentLogger } from '../../service/src/logger.ts';
import { DATABASE_TARGETS, openTestDatabase } from '../support/databases.ts';

describe.each(DATABASE_TARGETS)('database foundation (%s)', (target) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(target);
  });
  afterAll(() => db?.close());

  it('has every migration applied, and applying again changes nothing', async () => {
    const files = (await readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith('.sql')).sort();
    expect((await migrationStatus(db.sql)).applied).toEqual(files);
    const again = await migrate(db.sql, silentLogger);
    expect(again.pending).toEqual([]);
    const [{ n }] = await db.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM schema_migrations`;
    expect(n).toBe(files.length);
  });

  it('refuses to start when an applied migration was edited', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'migrations-'));
    try {
      for (const f of await readdir(MIGRATIONS_DIR)) await writeFile(join(dir, f), await readFile(join(MIGRATIONS_DIR, f)));
      await writeFile(join(dir, '0001_vocabulary.sql'), (await readFile(join(dir, '0001_vocabulary.sql'), 'utf8')) + '\n-- edited\n');
      await expect(migrate(db.sql, silentLogger, dir + '/')).rejects.toThrow(/0001_vocabulary\.sql was changed/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('seeds the same vocabulary codes as the zod contract', async () => {
    const themes = await db.sql<{ code: string }[]>`SELECT code FROM themes`;
    const skills = await db.sql<{ code: string }[]>`SELECT code FROM skills`;
    const roles = await db.sql<{ code: string }[]>`SELECT code FROM board_roles`;
    expect(themes.map((r) => r.code).sort()).toEqual([...THEME_CODES].sort());
    const labels = await db.sql<{ code: string; label: string }[]>`SELECT code, label FROM themes`;
    for (const { code, label } of labels) expect(THEME_LABELS[code as keyof typeof THEME_LABELS].replace('’', "'")).toBe(label);
    expect(skills.map((r) => r.code).sort()).toEqual([...SKILL_CODES].sort());
    expect(roles.map((r) => r.code).sort()).toEqual([...BOARD_ROLE_CODES].sort());
  });

  it('creates embedding columns for the active model and refuses another model', async () => {
    await ensureEmbeddingColumns(db.sql, { modelId: 'model-a', dimension: 8 }, silentLogger);
    const [col] = await db.sql<{ type: string }[]>`
      SELECT format_type(atttypid, atttypmod) AS type FROM pg_attribute WHERE attrelid = 'missions'::regclass AND attname = 'embedding'`;
    expect(col.type).toBe('vector(8)');
    const [idx] = await db.sql<{ def: string }[]>`SELECT indexdef AS def FROM pg_indexes WHERE indexname = 'missions_embedding_idx'`;
    expect(idx.def).toMatch(/hnsw/);
    await ensureEmbeddingColumns(db.sql, { modelId: 'model-a', dimension: 8 }, silentLogger);
    const err = await ensureEmbeddingColumns(db.sql, { modelId: 'model-b', dimension: 16 }, silentLogger).catch((e) => e);
    expect(err).toBeInstanceOf(EmbeddingMismatchError);
    expect(String(err.message)).toMatch(/missions: model-a \(8 dimensions\), active: model-b \(16\)/);
  });

  it('computes great-circle distances in km', async () => {
    // Strasbourg cathedral -> Haguenau town hall: about 26 km.
    const [{ d }] = await db.sql<{ d: number }[]>`SELECT distance_km(48.5818, 7.7509, 48.8156, 7.7906) AS d`;
    expect(d).toBeGreaterThan(25);
    expect(d).toBeLessThan(27);
  });
});
