/**
 * "Exactly once: the worker is killed between the outbox write and the send; exactly one message
 * arrives." Not simulated by a pre-written row: a real worker process (notify-child.ts) writes and
 * claims its outbox row, opens its SMTP connection, is held there by a server that never greets it,
 * and is killed with SIGKILL. The retry of the restarted worker then sends the message once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import pino from 'pino';
import { renderForm } from '../../activities/forms';
import { createEmailChannel, type Sender } from '../../activities/notifications/channels';
import { createNotificationActivities, notificationKey } from '../../activities/notifications/notify';
import type { NotifyInput } from '../../domain/notifications';
import { openTestDatabase, seedDossier, type TestDatabase, received } from './database';
import { startSmtpServer, type SmtpDouble } from './support';

/** Short, so that the takeover comes within the test; the dead worker's claim outlives it. */
const LEASE_MS = 1_500;
/** How long to keep listening for a message that should not come. */
const QUIET_MS = 1_000;
/** The child compiles and loads the whole activity stack first: slow on a busy 2-core machine. */
const CHILD_PATIENCE_MS = 60_000;

const EMAIL = 'anh.nguyen@example.vn';

interface FrontDoor {
  url: string;
  /** TCP connections accepted so far, the held one included. */
  connections: number;
  /** The first connection: accepted, never greeted, never passed on. */
  held?: net.Socket;
  /** Settles when the held connection is closed from the other end. */
  heldClosed: Promise<void>;
  close(): Promise<void>;
}

/**
 * A TCP front door to the SMTP double: it accepts the first connection and says nothing (a sender
 * waiting for the greeting is stuck mid-send), and passes every later connection through unchanged.
 */
async function holdFirstConnection(upstreamPort: number): Promise<FrontDoor> {
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };
  let heldGone!: () => void;
  const door: FrontDoor = {
    url: '',
    connections: 0,
    heldClosed: new Promise<void>((resolve) => (heldGone = resolve)),
    close: async () => {},
  };
  const server = net.createServer((socket) => {
    door.connections += 1;
    track(socket);
    if (door.connections === 1) {
      door.held = socket;
      socket.on('close', () => heldGone());
      socket.on('error', () => socket.destroy());
      // Read (and drop) whatever comes, so that the peer's end is noticed.
      socket.resume();
      return;
    }
    const upstream = net.connect(upstreamPort, '127.0.0.1');
    track(upstream);
    socket.on('error', () => upstream.destroy());
    upstream.on('error', () => socket.destroy());
    socket.pipe(upstream).pipe(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  door.url = `smtp://127.0.0.1:${(server.address() as AddressInfo).port}`;
  door.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return door;
}

interface Worker {
  process: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Throws, with what the child printed, if it has ended. */
  assertRunning(): void;
}

/** notify(input) in another process, as a worker runs the activity. */
function startWorker(databaseUrl: string, smtpUrl: string, input: NotifyInput): Worker {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(__dirname, 'notify-child.ts'),
      databaseUrl,
      smtpUrl,
      String(LEASE_MS),
      JSON.stringify(input),
    ],
    { cwd: path.join(__dirname, '..', '..'), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.on('error', (err) => (output += `\n${String(err)}`));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    process: child,
    exited,
    assertRunning() {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(
          `the worker ended (${child.exitCode ?? child.signalCode}) before the kill:\n${output}`,
        );
      }
    },
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + CHILD_PATIENCE_MS;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

let database: TestDatabase;
let smtp: SmtpDouble;
let door: FrontDoor;
let worker: Worker | undefined;
/** The e-mail channel of this process: the retries in the restarted worker. */
let email: Sender | undefined;
const envelopeRecipients: string[] = [];

beforeAll(async () => {
  database = await openTestDatabase();
  smtp = await startSmtpServer();
  smtp.onRcpt = (address) => {
    envelopeRecipients.push(address);
    return undefined;
  };
  door = await holdFirstConnection(smtp.port);
  email = createEmailChannel({ smtpUrl: door.url, from: 'Một cửa <no-reply@motcua.test>' });
});

afterAll(async () => {
  try {
    if (worker && worker.process.exitCode === null && worker.process.signalCode === null) {
      worker.process.kill('SIGKILL');
      await worker.exited;
    }
  } finally {
    email?.close?.();
    await door?.close();
    await smtp?.close();
    await database?.dispose();
  }
});

/** The URL of the test database's file, for the other process to open. */
async function databaseUrl(): Promise<string> {
  const [main] = await database.prisma.$queryRawUnsafe<{ file: string }[]>('PRAGMA database_list');
  return `file:${main.file}`;
}

/** The activity as the restarted worker (or a retry in this one) runs it, with the real e-mail channel. */
function activities(sendLeaseMs?: number) {
  return createNotificationActivities({
    db: database.prisma,
    channels: { email },
    publicBaseUrl: 'http://localhost:3000',
    logger: pino({ level: 'silent' }),
    renderForm,
    sendLeaseMs,
  });
}

describe('notify when the worker is killed between the outbox write and the send', () => {
  it('delivers exactly one message, sent by the retry once the dead claim has expired', async () => {
    const code = await seedDossier(database, { applicantEmail: EMAIL });
    const input = received(code);
    const idempotencyKey = notificationKey(input, 'email', EMAIL);
    const outboxRow = () => database.prisma.notification.findUnique({ where: { idempotencyKey } });

    worker = startWorker(await databaseUrl(), door.url, input);
    const running = worker;
    // Between the outbox write and a completed send: the row claimed, the connection open and unanswered.
    const claimed = await waitFor('the worker to claim its outbox row and connect', async () => {
      running.assertRunning();
      const row = await outboxRow();
      return row?.status === 'sending' && door.held ? row : undefined;
    });
    running.process.kill('SIGKILL');
    expect(await running.exited).toEqual({ code: null, signal: 'SIGKILL' });
    // Its connection is gone with it: nothing can still leave through it.
    await door.heldClosed;

    expect(door.connections).toBe(1);
    expect(smtp.received).toHaveLength(0);
    expect(await outboxRow()).toMatchObject({ status: 'sending', attempts: 1, sentAt: null });

    // A retry while the claim is younger than the production lease (2 minutes) leaves it alone.
    await expect(activities().notify(input)).rejects.toThrow(
      `${idempotencyKey} is being sent by another attempt`,
    );
    expect(door.connections).toBe(1);

    // The restarted worker's retry, once the lease has passed, takes the dead claim over and sends.
    await sleep(claimed.updatedAt.getTime() + LEASE_MS + 250 - Date.now());
    const result = await activities(LEASE_MS).notify(input);
    expect(result).toMatchObject({
      sent: 1,
      skipped: 0,
      failed: 0,
      deliveries: [{ channel: 'email', status: 'sent', recipientMasked: 'a***@example.vn' }],
    });

    await sleep(QUIET_MS);
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(envelopeRecipients).toEqual([EMAIL]);
    expect(mail.to).toMatchObject({ value: [{ address: EMAIL }] });
    expect(mail.subject).toBe(`Hồ sơ ${code}: đã được tiếp nhận`);
    expect(mail.text).toContain('Kính gửi Ông/Bà Nguyễn Thị Ánh,');
    expect(mail.messageId).toBe(result.deliveries[0].providerMessageId);

    const rows = await database.prisma.notification.findMany({ where: { dossierCode: code } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      idempotencyKey,
      channel: 'email',
      recipient: EMAIL,
      status: 'sent',
      // The killed worker's claim, then the takeover.
      attempts: 2,
      lastError: null,
      providerMessageId: mail.messageId,
    });
    expect(rows[0].sentAt).toBeInstanceOf(Date);

    // Any later retry finds it sent and sends nothing more.
    const again = await activities(LEASE_MS).notify(input);
    expect(again).toMatchObject({ sent: 1, deliveries: [{ status: 'already_sent' }] });
    await sleep(QUIET_MS);
    expect(smtp.received).toHaveLength(1);
    expect(door.connections).toBe(2);
    expect(await outboxRow()).toMatchObject({ status: 'sent', attempts: 2 });
  });
});
