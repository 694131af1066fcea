import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SMTPServer } from 'smtp-server';

export interface MailCatcher {
  url: string;
  stop: () => Promise<void>;
}

/** Writes the message under `partial`, then names it `file` once it ended; a broken one leaves nothing. */
async function keepWhole(message: Readable, partial: string, file: string): Promise<void> {
  try {
    await pipeline(message, fs.createWriteStream(partial));
    await fs.promises.rename(partial, file);
  } catch (err) {
    await fs.promises.rm(partial, { force: true });
    throw err;
  }
}

/**
 * The embedded stack's stand-in for a province's SMTP relay: a real SMTP server on loopback that keeps
 * every message it accepted as an .eml file, so a developer sees exactly what citizens and staff would
 * receive.
 */
export function startMailCatcher(dir: string, port = 0): Promise<MailCatcher> {
  fs.mkdirSync(dir, { recursive: true });
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      count += 1;
      const file = path.join(
        dir,
        `${new Date().toISOString().replace(/[:.]/g, '-')}-${session.id}-${count}.eml`,
      );
      // Like a relay, keep only a message received in full: a sender killed mid-DATA never had it
      // accepted and sends it again, so its half would be a second copy, or one without a Message-ID.
      const partial = `${file}.part`;
      void keepWhole(stream, partial, file).then(() => callback(), callback);
    },
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.removeListener('error', reject);
      // A sender that dies mid-session (a worker killed while sending) resets its connection: that
      // message was never accepted, and the catcher carries on for the others.
      server.on('error', () => undefined);
      const { port: bound } = server.server.address() as { port: number };
      resolve({ url: `smtp://127.0.0.1:${bound}`, stop: () => new Promise((r) => server.close(() => r())) });
    });
  });
}
