import {
  PermanentDeliveryError,
  RetryableDeliveryError,
  createEmailChannel,
  createSmsChannel,
  createZaloChannel,
  type EmailChannelConfig,
  type OutboundMessage,
  type Sender,
} from '../../activities/notifications/channels';
import {
  closedPort,
  silentServer,
  startSmtpServer,
  startTwilioDouble,
  startZaloDouble,
  twilioError,
  type HttpDouble,
  type SmtpDouble,
} from './support';

const PDF = Buffer.from('%PDF-1.4\n% Phiếu xin lỗi\n%%EOF\n');

const message = (to: string, extra: Partial<OutboundMessage> = {}): OutboundMessage => ({
  to,
  subject: 'Hồ sơ 000.00.12.H56-261120-0001: xin lỗi và hẹn lại ngày trả kết quả',
  text: 'Kính gửi Ông/Bà Nguyễn Thị Ánh,\n\nChúng tôi thành thật xin lỗi Ông/Bà.',
  sms: 'Xin lỗi Ông/Bà, hẹn lại trả kết quả 17h00 27/11/2026. Xem: http://x/tra-cuu/1',
  idempotencyKey: '000.00.12.H56-261120-0001:extended:1:email:abc',
  ...extra,
});

describe('e-mail channel on a real SMTP server', () => {
  let smtp: SmtpDouble;
  /** The channels a test made: their pooled connections are closed before the server stops. */
  let opened: Sender[] = [];
  const emailChannel = (config: EmailChannelConfig): Sender => {
    const channel = createEmailChannel(config);
    opened.push(channel);
    return channel;
  };
  beforeEach(async () => {
    smtp = await startSmtpServer();
  });
  afterEach(async () => {
    for (const channel of opened) channel.close?.();
    opened = [];
    await smtp.close();
  });

  it('delivers subject, Vietnamese body and the PDF attachment', async () => {
    const channel = emailChannel({ smtpUrl: smtp.url, from: 'Một cửa <no-reply@motcua.test>' });
    const attachment = { filename: 'phieu-xin-loi.pdf', content: PDF, contentType: 'application/pdf' };
    const { providerMessageId } = await channel.send(
      message('anh.nguyen@example.vn', { attachments: [attachment] }),
    );

    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0];
    expect(mail.messageId).toBe(providerMessageId);
    expect(mail.from?.text).toContain('no-reply@motcua.test');
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe('anh.nguyen@example.vn');
    expect(mail.subject).toBe('Hồ sơ 000.00.12.H56-261120-0001: xin lỗi và hẹn lại ngày trả kết quả');
    expect(mail.text).toContain('Chúng tôi thành thật xin lỗi Ông/Bà.');
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]).toMatchObject({
      filename: 'phieu-xin-loi.pdf',
      contentType: 'application/pdf',
    });
    expect(mail.attachments[0].content.equals(PDF)).toBe(true);
  });

  it('gives a resend the same Message-ID so mail clients fold duplicates', async () => {
    const channel = emailChannel({ smtpUrl: smtp.url, from: 'no-reply@motcua.test' });
    const first = await channel.send(message('a@example.vn'));
    const second = await channel.send(message('a@example.vn'));
    expect(second.providerMessageId).toBe(first.providerMessageId);
  });

  it('sends one message after another over the connection it keeps open', async () => {
    const channel = emailChannel({ smtpUrl: smtp.url, from: 'no-reply@motcua.test' });
    for (const to of ['a@example.vn', 'b@example.vn', 'c@example.vn']) await channel.send(message(to));
    expect(smtp.received).toHaveLength(3);
    expect(smtp.connections).toBe(1);
  });

  it('classifies RCPT rejected with 550 as permanent', async () => {
    smtp.onRcpt = () => ({ code: 550, message: '5.1.1 Mailbox does not exist' });
    const channel = emailChannel({ smtpUrl: smtp.url, from: 'no-reply@motcua.test' });
    const err = await channel.send(message('nobody@example.vn')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentDeliveryError);
    expect(err).toMatchObject({ channel: 'email', providerCode: 550 });
    expect(smtp.received).toHaveLength(0);
  });

  it('classifies a 451 on RCPT as retryable', async () => {
    smtp.onRcpt = () => ({ code: 451, message: '4.7.1 Try again later' });
    const channel = emailChannel({ smtpUrl: smtp.url, from: 'no-reply@motcua.test' });
    const err = await channel.send(message('a@example.vn')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RetryableDeliveryError);
    expect(err).toMatchObject({ providerCode: 451 });
  });

  it('classifies a 421 greeting as retryable', async () => {
    smtp.onConnect = () => ({ code: 421, message: 'Service not available, closing channel' });
    const channel = emailChannel({ smtpUrl: smtp.url, from: 'no-reply@motcua.test' });
    const err = await channel.send(message('a@example.vn')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RetryableDeliveryError);
  });

  it('classifies connection refused and a silent server as retryable', async () => {
    const refused = emailChannel({
      smtpUrl: `smtp://127.0.0.1:${await closedPort()}`,
      from: 'x@motcua.test',
    });
    await expect(refused.send(message('a@example.vn'))).rejects.toBeInstanceOf(RetryableDeliveryError);

    const silent = await silentServer();
    try {
      const slow = emailChannel({
        smtpUrl: `smtp://127.0.0.1:${silent.port}`,
        from: 'x@motcua.test',
        timeoutMs: 300,
      });
      await expect(slow.send(message('a@example.vn'))).rejects.toBeInstanceOf(RetryableDeliveryError);
    } finally {
      await silent.close();
    }
  });
});

describe('SMS channel: the real twilio client against a loopback Messages API', () => {
  let api: HttpDouble;
  const accountSid = `AC${'1'.repeat(32)}`;
  const authToken = 'test-auth-token';
  beforeEach(async () => {
    api = await startTwilioDouble();
  });
  afterEach(() => api.close());

  it('posts To, From and a Body with diacritics, with basic auth, to the Messages resource', async () => {
    const channel = createSmsChannel({ accountSid, authToken, from: '+15005550006', apiBaseUrl: api.url });
    const sent = await channel.send(message('+84912345678'));

    expect(sent.providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);
    expect(api.requests).toHaveLength(1);
    const [request] = api.requests;
    expect(request.method).toBe('POST');
    expect(request.path).toBe(`/2010-04-01/Accounts/${accountSid}/Messages.json`);
    expect(request.headers.authorization).toBe(
      `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`,
    );
    const form = new URLSearchParams(request.body);
    expect(form.get('To')).toBe('+84912345678');
    expect(form.get('From')).toBe('+15005550006');
    expect(form.get('Body')).toBe(
      'Xin lỗi Ông/Bà, hẹn lại trả kết quả 17h00 27/11/2026. Xem: http://x/tra-cuu/1',
    );
  });

  it('sends through a messaging service when one is configured', async () => {
    const messagingServiceSid = `MG${'2'.repeat(32)}`;
    const channel = createSmsChannel({ accountSid, authToken, messagingServiceSid, apiBaseUrl: api.url });
    await channel.send(message('+84912345678'));
    const form = new URLSearchParams(api.requests[0].body);
    expect(form.get('MessagingServiceSid')).toBe(messagingServiceSid);
    expect(form.has('From')).toBe(false);
  });

  it.each([
    [21211, "The 'To' number is not a valid phone number."],
    [21614, "'To' number is not a valid mobile number"],
  ])('classifies 400 with code %i as permanent', async (code, text) => {
    api.respond = () => twilioError(400, code, text);
    const channel = createSmsChannel({ accountSid, authToken, from: '+15005550006', apiBaseUrl: api.url });
    const err = await channel.send(message('+84000')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentDeliveryError);
    expect(err).toMatchObject({ channel: 'sms', providerCode: code });
  });

  it.each([
    [500, 20500],
    [503, 20503],
    [429, 20429],
  ])('classifies HTTP %i as retryable', async (status, code) => {
    api.respond = () => twilioError(status, code, 'busy');
    const channel = createSmsChannel({ accountSid, authToken, from: '+15005550006', apiBaseUrl: api.url });
    await expect(channel.send(message('+84912345678'))).rejects.toBeInstanceOf(RetryableDeliveryError);
  });

  it('classifies connection refused as retryable', async () => {
    const channel = createSmsChannel({
      accountSid,
      authToken,
      from: '+15005550006',
      apiBaseUrl: `http://127.0.0.1:${await closedPort()}`,
    });
    await expect(channel.send(message('+84912345678'))).rejects.toBeInstanceOf(RetryableDeliveryError);
  });
});

describe('Zalo channel over HTTP', () => {
  let zns: HttpDouble;
  beforeEach(async () => {
    zns = await startZaloDouble();
  });
  afterEach(() => zns.close());

  it('posts JSON with the access token and returns the msg_id', async () => {
    const channel = createZaloChannel({
      url: `${zns.url}/message/template`,
      accessToken: 'tok',
      templateId: '123',
    });
    const sent = await channel.send(message('+84912345678'));
    expect(sent.providerMessageId).toMatch(/^[0-9a-f]{16}$/);
    const [request] = zns.requests;
    expect(request.path).toBe('/message/template');
    expect(request.headers.access_token).toBe('tok');
    expect(request.headers['content-type']).toBe('application/json');
    const body = JSON.parse(request.body) as Record<string, unknown>;
    expect(body).toMatchObject({
      phone: '84912345678',
      template_id: '123',
      template_data: { content: message('').sms },
    });
    expect(typeof body.tracking_id).toBe('string');
  });

  it('classifies HTTP 4xx and a refused recipient as permanent, 5xx and 429 as retryable', async () => {
    const channel = createZaloChannel({ url: zns.url, accessToken: 'tok' });
    zns.respond = () => ({ status: 400, body: { error: -108, message: 'Phone number is invalid' } });
    await expect(channel.send(message('+84000'))).rejects.toBeInstanceOf(PermanentDeliveryError);
    zns.respond = () => ({ status: 200, body: { error: -108, message: 'Phone number is invalid' } });
    await expect(channel.send(message('+84000'))).rejects.toBeInstanceOf(PermanentDeliveryError);
    zns.respond = () => ({ status: 503, body: {} });
    await expect(channel.send(message('+84912345678'))).rejects.toBeInstanceOf(RetryableDeliveryError);
    zns.respond = () => ({ status: 429, body: {} });
    await expect(channel.send(message('+84912345678'))).rejects.toBeInstanceOf(RetryableDeliveryError);
  });

  it('classifies connection refused as retryable', async () => {
    const channel = createZaloChannel({ url: `http://127.0.0.1:${await closedPort()}`, accessToken: 'tok' });
    await expect(channel.send(message('+84912345678'))).rejects.toBeInstanceOf(RetryableDeliveryError);
  });
});
