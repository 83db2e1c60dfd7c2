import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Logger } from './logger.ts';

const WEB_DIR = fileURLToPath(new URL('../../web/', import.meta.url));
const HANDLER = WEB_DIR + 'build/handler.js';

export type NodeHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * The SvelteKit app (adapter-node build) served by the same process as the API. Built on first start when
 * missing, so that `npm ci && npm start` works on a fresh clone.
 */
export async function loadWebHandler(options: { buildIfMissing: boolean }, log: Logger): Promise<NodeHandler | null> {
  if (!existsSync(HANDLER)) {
    if (!options.buildIfMissing) {
      log.warn('web app not built and WEB_BUILD=off: only the API is served');
      return null;
    }
    log.info('building the web app (first start, about a minute)…');
    await new Promise<void>((resolve, reject) => {
      // vite's bin is not in its package exports: find it from its package.json, as the web workspace resolves it.
      const vitePackage = createRequire(WEB_DIR + 'package.json').resolve('vite/package.json');
      const child = spawn(process.execPath, [join(dirname(vitePackage), 'bin', 'vite.js'), 'build'], { cwd: WEB_DIR, stdio: ['ignore', 'ignore', 'inherit'] });
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`web build failed (exit ${code})`))));
    });
  }
  const mod = (await import(pathToFileURL(HANDLER).href)) as { handler: NodeHandler };
  return mod.handler;
}
