import { createServer, type Socket } from 'node:net';

/** `data`: the message as a reader sees it (quoted-printable undone); `head`: its header block as received. */
export type ReceivedMail = { from: string; to: string[]; data: string; head: string; messageId: string | null };

/** The raw message with quoted-printable undone (soft line breaks, =XX bytes as UTF-8): what a reader sees. */
function decodeQuotedPrintable(raw: string): string {
  const joined = raw.replace(/=\r?\n/g, '');
  return Buffer.from(joined.replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');
}

/**
 * A real SMTP server on 127.0.0.1 speaking just enough of RFC 5321 for nodemailer (EHLO, MAIL, RCPT, DATA,
 * RSET, NOOP, QUIT): the test's stand-in for a mail relay, never an external host. `dataDelayMs` holds the
 * final 250 after the data (a window in which a worker can be killed); `rejectRcpt` answers 451 to a recipient.
 */
export async function startSmtpSink(options: { dataDelayMs?: number; rejectRcpt?: (to: string) => boolean } = {}) {
  const received: ReceivedMail[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let buffer = '';
    let inData = false;
    let mail: { from: string; to: string[] } = { from: '', to: [] };
    const reply = (line: string) => socket.writable && socket.write(line + '\r\n');
    reply('220 sink.localhost ESMTP test sink');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          const data = buffer.slice(0, end).replace(/^\.\./gm, '.');
          buffer = buffer.slice(end + 5);
          inData = false;
          const messageId = /^Message-ID:\s*(\S+)/im.exec(data)?.[1] ?? null;
          const accept = () => {
            received.push({ ...mail, data: decodeQuotedPrintable(data), head: data.split(/\r\n\r\n/)[0], messageId });
            reply('250 2.0.0 queued');
          };
          if (options.dataDelayMs) setTimeout(accept, options.dataDelayMs);
          else accept();
          mail = { from: '', to: [] };
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') reply('250-sink.localhost\r\n250 8BITMIME');
        else if (verb === 'HELO') reply('250 sink.localhost');
        else if (verb === 'MAIL') {
          mail = { from: line.slice(10).trim(), to: [] };
          reply('250 2.1.0 ok');
        } else if (verb === 'RCPT') {
          const to = line.slice(8).trim().replace(/^<|>$/g, '');
          if (options.rejectRcpt?.(to)) reply('451 4.3.0 try again later');
          else {
            mail.to.push(to);
            reply('250 2.1.5 ok');
          }
        } else if (verb === 'DATA') {
          inData = true;
          reply('354 end with <CRLF>.<CRLF>');
        } else if (verb === 'RSET') {
          mail = { from: '', to: [] };
          reply('250 ok');
        } else if (verb === 'NOOP') reply('250 ok');
        else if (verb === 'QUIT') {
          reply('221 bye');
          socket.end();
        } else reply('502 5.5.2 not implemented');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
