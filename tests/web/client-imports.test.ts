import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const WEB_SRC = join(import.meta.dirname, '../../web/src');

/** Every file of web/src that can end up in the browser: not lib/server, not *.server.ts. */
function browserFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return path.endsWith(join('lib', 'server')) ? [] : browserFiles(path);
    return /\.(svelte|ts)$/.test(e.name) && !/\.server\.ts$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

describe('browser code and the contract', () => {
  it('takes only types from $contract: its values come with zod, which the pages get from their server load instead', () => {
    const offenders = browserFiles(WEB_SRC).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/^\s*import\s+(?!type\b)[^;]*from\s+'\$contract\/[^']+'/gm)].map((m) => `${relative(WEB_SRC, file)}: ${m[0].trim()}`),
    );
    expect(offenders).toEqual([]);
  });
});
