/**
 * Loopback stand-ins for the providers: a real SMTP server (smtp-server), and node:http servers that
 * answer as twilio's Messages API and Zalo ZNS do. The channels under test use their real clients.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type SmtpReply = { code: number; message: string } | undefined;

export interface SmtpDouble {
  url: string;
  port: number;
  received: ParsedMail[];
  /** Decides the answer to RCPT TO; undefined accepts. */
  onRcpt: (address: string, attempt: number) => SmtpReply;
  /** Decides the answer to a new connection; undefined greets. */
  onConnect: (attempt: number) => SmtpReply;
  rcptAttempts: number;
  /** SMTP sessions opened so far. */
  connections: number;
  close(): Promise<void>;
}

function smtpError(reply: { code: number; message: string }): Error {
  return Object.assign(new Error(reply.message), { responseCode: reply.code });
}

export async function startSmtpServer(): Promise<SmtpDouble> {
  const double: SmtpDouble = {
    url: '',
    port: 0,
    received: [],
    onRcpt: () => undefined,
    onConnect: () => undefined,
    rcptAttempts: 0,
    connections: 0,
    close: async () => {},
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onConnect(_session, callback) {
      double.connections += 1;
      const reply = double.onConnect(double.connections);
      callback(reply ? smtpError(reply) : null);
    },
    onRcptTo(address, _session, callback) {
      double.rcptAttempts += 1;
      const reply = double.onRcpt(address.address, double.rcptAttempts);
      callback(reply ? smtpError(reply) : null);
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          double.received.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  double.port = port;
  double.url = `smtp://127.0.0.1:${port}`;
  double.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return double;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface HttpDouble {
  url: string;
  requests: RecordedRequest[];
  /** Answer to the next request; the default answers as the provider does on success. */
  respond: (request: RecordedRequest, index: number) => { status: number; body: unknown };
  close(): Promise<void>;
}

async function startHttpDouble(
  success: (request: RecordedRequest) => { status: number; body: unknown },
): Promise<HttpDouble> {
  const double: HttpDouble = { url: '', requests: [], respond: success, close: async () => {} };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      double.requests.push(recorded);
      const { status, body } = double.respond(recorded, double.requests.length - 1);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  double.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  double.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return double;
}

/** Answers as POST /2010-04-01/Accounts/{sid}/Messages.json does: 201 and a message resource. */
export function startTwilioDouble(): Promise<HttpDouble> {
  return startHttpDouble((request) => {
    const form = new URLSearchParams(request.body);
    const accountSid = /\/Accounts\/([^/]+)\//.exec(request.path)?.[1];
    return {
      status: 201,
      body: {
        sid: `SM${randomBytes(16).toString('hex')}`,
        account_sid: accountSid,
        to: form.get('To'),
        from: form.get('From'),
        messaging_service_sid: form.get('MessagingServiceSid'),
        body: form.get('Body'),
        status: 'queued',
        num_segments: '1',
        direction: 'outbound-api',
        api_version: '2010-04-01',
        date_created: new Date().toUTCString(),
        uri: `${request.path.replace(/\.json$/, '')}/SM0.json`,
      },
    };
  });
}

export const twilioError = (status: number, code: number, message: string) => ({
  status,
  body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status },
});

/** Answers as Zalo ZNS does: 200 with error 0 and a msg_id. */
export function startZaloDouble(): Promise<HttpDouble> {
  return startHttpDouble(() => ({
    status: 200,
    body: {
      error: 0,
      message: 'Success',
      data: { msg_id: randomBytes(8).toString('hex'), sent_time: Date.now() },
    },
  }));
}

/** A port nobody listens on, for "connection refused". */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A server that accepts the TCP connection and never says a word, for timeouts. */
export async function silentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
