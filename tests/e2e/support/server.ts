import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** An e-mail the server wrote to its log: its recipient, its first link, its whole text and its one-click unsubscribe address. */
export type LoggedMail = { to: string; link: string; text: string; listUnsubscribe?: string };
export type RunningServer = { url: string; mails: LoggedMail[]; output: string[]; stop(): Promise<void> };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts the real server (API + SvelteKit build on one port) on a fresh data folder and a free port, and waits
 * for /api/health. `script` is service/src/main.ts, what `npm start` runs: the demo territory loads on first start,
 * and e-mails (no SMTP_URL) are read from its log.
 */
export async function startServer(script: string, extraEnv: Record<string, string> = {}): Promise<RunningServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'maillage-e2e-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const output: string[] = [];
  const mails: LoggedMail[] = [];
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(ROOT, script)], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: url, LOG_LEVEL: 'info', DATABASE_URL: '', REDIS_URL: '', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line) continue;
      output.push(line);
      // Without SMTP_URL the service writes every e-mail to its log (JSON lines off a terminal).
      if (!line.startsWith('{')) continue;
      try {
        const entry = JSON.parse(line) as { message?: string; to?: string; listUnsubscribe?: string };
        const link = entry.message?.startsWith('e-mail ') ? entry.message.match(/https?:\/\/\S+/)?.[0] : undefined;
        if (entry.to && link) mails.push({ to: entry.to, link, text: entry.message!, listUnsubscribe: entry.listUnsubscribe });
      } catch {
        // not a log line
      }
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  let exited = false;
  child.on('exit', () => (exited = true));

  const deadline = Date.now() + 150_000;
  for (;;) {
    if (exited) throw new Error(`server exited during start-up:\n${output.slice(-30).join('\n')}`);
    try {
      const res = await fetch(url + '/api/health');
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server not healthy after 150 s:\n${output.slice(-30).join('\n')}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    mails,
    output,
    async stop() {
      if (!exited) {
        child.kill('SIGTERM');
        await new Promise((r) => {
          const t = setTimeout(() => {
            child.kill('SIGKILL');
            r(null);
          }, 5000);
          child.once('exit', () => {
            clearTimeout(t);
            r(null);
          });
        });
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export const hasChromium = () => existsSync('/usr/bin/chromium');
export const hasWebBuild = () => existsSync(join(ROOT, 'web/build/handler.js'));
