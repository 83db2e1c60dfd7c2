/**
 * Downloads the pinned corpus (corpus.json) into a cache folder: `npm pack` for npm packages,
 * `apt-get download` + `dpkg-deb -x` for Debian ones. Already fetched sources are kept.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';

export interface CorpusSource {
  id: string;
  kind: 'npm' | 'deb';
  name: string;
  version: string;
  licence: string;
  reader: 'json-strings' | 'stardict' | 'mythes';
  /** Path inside the unpacked package. */
  path: string;
}

export function readCorpusList(file: string): CorpusSource[] {
  return (JSON.parse(readFileSync(file, 'utf8')) as { sources: CorpusSource[] }).sources;
}

/** Folder where a source is unpacked. */
export function sourceDir(cacheDir: string, s: CorpusSource): string {
  return join(cacheDir, `${s.id}-${s.version.replace(/[^0-9a-zA-Z.]/g, '_')}`);
}

function fetchNpm(s: CorpusSource, dir: string, tmp: string): void {
  const out = execFileSync('npm', ['pack', `${s.name}@${s.version}`, '--silent', '--pack-destination', tmp], {
    encoding: 'utf8',
  });
  const tgz = join(tmp, out.trim().split('\n').pop()!);
  mkdirSync(dir, { recursive: true });
  execFileSync('tar', ['-xzf', tgz, '-C', dir]);
}

function fetchDeb(s: CorpusSource, dir: string, tmp: string): void {
  execFileSync('apt-get', ['download', `${s.name}=${s.version}`], { cwd: tmp, stdio: 'inherit' });
  const deb = readdirSync(tmp).find((f) => f.startsWith(`${s.name}_`) && f.endsWith('.deb'));
  if (deb === undefined) throw new Error(`apt-get download ${s.name} produced no .deb`);
  mkdirSync(dir, { recursive: true });
  execFileSync('dpkg-deb', ['-x', join(tmp, deb), dir]);
}

/** Fetches every source not yet in cacheDir; returns nothing, throws on the first failure. */
export function fetchCorpus(sources: readonly CorpusSource[], cacheDir: string): void {
  const tmp = join(cacheDir, 'downloads');
  mkdirSync(tmp, { recursive: true });
  for (const s of sources) {
    const dir = sourceDir(cacheDir, s);
    if (existsSync(join(dir, s.path)) || existsSync(`${join(dir, s.path)}.ifo`)) continue;
    console.log(`fetching ${s.kind} ${s.name}@${s.version}`);
    const partial = `${dir}.partial`;
    if (s.kind === 'npm') fetchNpm(s, partial, tmp);
    else fetchDeb(s, partial, tmp);
    renameSync(partial, dir);
  }
}
