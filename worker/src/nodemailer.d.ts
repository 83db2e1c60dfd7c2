// @types/nodemailer is not installed: the little of nodemailer's API this worker uses.
declare module 'nodemailer' {
  export type SendMailOptions = {
    from?: string;
    to: string;
    subject: string;
    text: string;
    html?: string;
    messageId?: string;
    /** List-* headers (RFC 2369): `unsubscribe` becomes List-Unsubscribe: <url>. */
    list?: { unsubscribe?: string };
    headers?: Record<string, string>;
  };
  export type Transporter = { sendMail(message: SendMailOptions): Promise<{ messageId: string; response: string }>; close(): void };
  const nodemailer: { createTransport(url: string, defaults?: Record<string, unknown>): Transporter };
  export default nodemailer;
}
