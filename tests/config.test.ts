import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, redactUrl } from '../service/src/config.ts';

describe('configuration', () => {
  it('defaults to the embedded PGlite, in-process jobs and the demo data', () => {
    const config = loadConfig({});
    expect(config.database.mode).toBe('pglite');
    expect(config.redisUrl).toBeUndefined();
    expect(config.port).toBe(3000);
    expect(config.demoData).toBe(true);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('switches to native PostgreSQL and Redis, without demo data unless asked', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u:secret@db:5432/maillage', REDIS_URL: 'redis://cache:6379' });
    expect(config.database).toMatchObject({ mode: 'postgres', url: 'postgres://u:secret@db:5432/maillage' });
    expect(config.redisUrl).toBe('redis://cache:6379');
    expect(config.demoData).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://db/x', DEMO_DATA: 'on' }).demoData).toBe(true);
  });

  it('lists every problem at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', EMBEDDER: 'magic', MODEL_ALLOW_DOWNLOAD: 'maybe' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const key of ['PORT', 'DATABASE_URL', 'EMBEDDER', 'MODEL_ALLOW_DOWNLOAD']) expect(problems).toContain(key);
  });

  it('never prints a database password', () => {
    expect(redactUrl('postgres://u:secret@db:5432/maillage')).not.toContain('secret');
  });
});
