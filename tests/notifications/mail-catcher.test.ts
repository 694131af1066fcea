/**
 * The mail sink of the embedded stack and the cluster keeps what a relay would deliver: a message whose
 * sender died in the middle of DATA was never accepted (the sender sends it again), so the sink must not
 * keep its half, or the chaos run counts a second copy, or a message without a Message-ID.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createTransport } from 'nodemailer';
import { startMailCatcher, type MailCatcher } from '../../platform/dev/mail-catcher';
import { eventually } from '../api/support';

let dir: string;
let catcher: MailCatcher;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-mail-'));
  catcher = await startMailCatcher(dir);
});
afterAll(async () => {
  await catcher.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Speaks SMTP up to the middle of a message's DATA, then drops the connection as a killed sender does. */
async function dieMidData(url: string): Promise<void> {
  const socket = net.connect(Number(new URL(url).port), '127.0.0.1');
  let heard = '';
  socket.on('data', (chunk: Buffer) => (heard += chunk.toString()));
  const reply = (code: string) => eventually(async () => expect(heard).toMatch(new RegExp(`^${code} `, 'm')));
  await reply('220');
  for (const [command, code] of [
    ['EHLO worker', '250'],
    ['MAIL FROM:<no-reply@motcua.test>', '250'],
    ['RCPT TO:<anh@example.vn>', '250'],
    ['DATA', '354'],
  ]) {
    heard = '';
    socket.write(`${command}\r\n`);
    await reply(code);
  }
  socket.write('Message-ID: <half@motcua.test>\r\nSubject: half\r\n\r\nThe first lines of a ');
  await new Promise<void>((resolve) => socket.end(resolve));
  socket.destroy();
}

test('keeps a message received in full, and nothing of one whose sender died mid-DATA', async () => {
  await dieMidData(catcher.url);
  const transport = createTransport({ url: catcher.url });
  await transport.sendMail({
    from: 'no-reply@motcua.test',
    to: 'anh@example.vn',
    subject: 'whole',
    text: 'All of it.',
    messageId: '<whole@motcua.test>',
  });
  await eventually(async () => expect(fs.readdirSync(dir)).toHaveLength(1));
  const [file] = fs.readdirSync(dir);
  expect(file).toMatch(/\.eml$/);
  expect(fs.readFileSync(path.join(dir, file), 'utf8')).toContain('Message-ID: <whole@motcua.test>');
});
