import nodemailer from 'nodemailer';
import { MailNotSentError, type MailSender } from '../../service/src/core/freshness/outbox-delivery.ts';
import type { Logger } from '../../service/src/logger.ts';

// Failures before the message data was accepted: the server certainly does not have the message.
const BEFORE_DATA_COMMANDS = new Set(['CONN', 'EHLO', 'HELO', 'LHLO', 'AUTH PLAIN', 'AUTH LOGIN', 'AUTH XOAUTH2', 'STARTTLS', 'MAIL FROM', 'RCPT TO', 'DATA']);
const NOT_SENT_CODES = new Set(['ECONNECTION', 'EDNS', 'EAUTH', 'EENVELOPE', 'ETLS', 'ENOAUTH']);

type SmtpError = Error & { code?: string; command?: string; responseCode?: number };

/** Whether an SMTP failure happened before the server accepted the message (then it is safe to retry). */
export function isCertainlyNotSent(err: SmtpError): boolean {
  if (typeof err.responseCode === 'number' && err.responseCode >= 400) return true; // the server said no
  if (err.code && NOT_SENT_CODES.has(err.code)) return true;
  return err.command !== undefined && BEFORE_DATA_COMMANDS.has(err.command);
}

/**
 * The headers of one-click unsubscribing (RFC 8058, which Gmail and Yahoo require of bulk senders): the mail client
 * shows « Se désabonner » and POSTs `List-Unsubscribe=One-Click` to the address, without opening a page.
 */
const oneClickHeaders = (url: string) => ({ list: { unsubscribe: url }, headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } });

/**
 * SMTP through nodemailer, to the server of SMTP_URL. Each message carries a Message-ID from its idempotency key, and
 * the one-click unsubscribe headers when it is one its recipient can stop.
 */
export function createSmtpSender(smtpUrl: string, from: string): MailSender {
  const transport = nodemailer.createTransport(smtpUrl, { from });
  return {
    async send(m) {
      try {
        await transport.sendMail({
          from,
          to: m.to,
          subject: m.subject,
          text: m.text,
          html: m.html,
          messageId: m.messageId,
          ...(m.listUnsubscribe ? oneClickHeaders(m.listUnsubscribe) : {}),
        });
      } catch (err) {
        if (isCertainlyNotSent(err as SmtpError)) throw new MailNotSentError((err as Error).message, { cause: err });
        throw err;
      }
    },
    close: () => transport.close(),
  };
}

/**
 * Without SMTP_URL on the embedded default: every e-mail is written to the log (recipient, subject, body with
 * its links) and counted as delivered, so a newcomer running `npm start` can still confirm an account or reset
 * a password. Production sets SMTP_URL; start-up says which sender is active.
 */
export function createLogSender(log: Logger): MailSender {
  return {
    async send(m) {
      log.info(`e-mail (not sent: no SMTP_URL) to ${m.to}: ${m.subject}\n${m.text}`, { to: m.to, messageId: m.messageId, listUnsubscribe: m.listUnsubscribe });
    },
  };
}
