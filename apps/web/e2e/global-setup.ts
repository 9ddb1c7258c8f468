// Before the journeys: a real SMTP listener for the seeded server's mail (SMTP_URL in
// playwright.config.ts), which writes each message it receives, raw, into SAHAYAK_E2E_MAIL_DIR.
// Playwright starts the web servers before this runs; mail they send in between is retried.
import { renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';

/** E2E_PORT_BASE (default 3197) moves all four ports, so two runs on one machine stay apart. */
export const PORT_BASE = Number(process.env.E2E_PORT_BASE ?? 3197);
export const SMTP_PORT = PORT_BASE;
/** The seeded server's own SMTP listener, where journeys send customers' mail. */
export const INBOUND_SMTP_PORT = PORT_BASE + 3;

export default async function globalSetup(): Promise<() => Promise<void>> {
  const folder = process.env.SAHAYAK_E2E_MAIL_DIR;
  if (!folder) throw new Error('SAHAYAK_E2E_MAIL_DIR is not set (playwright.config.ts sets it)');
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', callback);
      stream.on('end', () => {
        count += 1;
        const name = `${Date.now()}-${String(count).padStart(4, '0')}.eml`;
        // Written under another name first, so a journey polling the folder never reads half a mail.
        const partial = path.join(folder, `.${name}.partial`);
        writeFileSync(partial, Buffer.concat(chunks));
        renameSync(partial, path.join(folder, name));
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(SMTP_PORT, '127.0.0.1', () => resolve());
  });
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
