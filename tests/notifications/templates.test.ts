import {
  OCCASIONS,
  OCCASION_INFO,
  TemplateFieldError,
  foldDiacritics,
  formatAmountVi,
  formatDateTimeVi,
  maskEmail,
  maskPhone,
  normalizePhone,
  renderNotification,
  selectChannels,
  smsLength,
  type NotificationData,
} from '../../domain/notifications';

const BASE = 'https://dichvucong.example.gov.vn';
const CODE = '000.00.12.H56-261120-0001';
const at = '2026-11-23T10:00:00Z';

/** A value for every field any template may ask for. */
const FULL: NotificationData = {
  code: CODE,
  applicantName: 'Nguyễn Thị Ánh',
  recipientName: 'Trần Văn Bình',
  procedureName: 'Cấp giấy phép xây dựng nhà ở riêng lẻ',
  receivedAt: '2026-11-20T08:30:00+07:00',
  dueAt: at,
  newDueAt: '2026-11-27T10:00:00Z',
  previousDueAt: '2026-11-20T10:00:00Z',
  reason: 'Cần xác minh thực địa ranh giới thửa đất',
  documents: ['Bản vẽ thiết kế', 'Giấy chứng nhận quyền sử dụng đất'],
  closeBy: '2026-12-08T10:00:00Z',
  stepName: 'Thẩm định hồ sơ',
  stepDueAt: at,
  supplementedAt: at,
  amountVnd: 1500000,
  paymentUrl: 'https://thanhtoan.dichvucong.gov.vn/pay/GD-20261120-000123',
  acceptBy: '2026-11-20T09:30:00Z',
  submittedAt: '2026-11-19T09:30:00Z',
  extensionCutoff: '2026-11-22T10:00:00Z',
  dueInWorkingDays: 2,
  returnAt: '2026-11-21T08:00:00Z',
  returnedAt: at,
  withdrawnAt: at,
  supplementRequestedAt: '2026-11-10T03:00:00Z',
  closedAt: at,
  answer: 'Đơn vị đã kiểm tra và điều chỉnh quy trình tiếp nhận.',
  limit: 'handling',
  dueBy: at,
  paidAt: '2026-11-20T07:00:00Z',
  remitBy: '2026-11-21T07:30:00Z',
  basis: 'Luật Lý lịch tư pháp, Điều 48 khoản 1',
};

describe('dates and money as citizens read them', () => {
  it('formats in Asia/Ho_Chi_Minh whatever the offset of the input', () => {
    expect(formatDateTimeVi('2026-11-23T10:00:00Z')).toBe('17 giờ 00 phút, ngày 23/11/2026');
    expect(formatDateTimeVi('2026-11-23T17:00:00+07:00')).toBe('17 giờ 00 phút, ngày 23/11/2026');
    expect(formatDateTimeVi('2026-11-23T20:30:00Z')).toBe('03 giờ 30 phút, ngày 24/11/2026');
    expect(formatAmountVi(1500000)).toBe('1.500.000 đồng');
  });
});

/** Every template: each occasion for each audience it has. */
const VARIANTS = OCCASIONS.flatMap((o) => OCCASION_INFO[o].audiences.map((a) => [o, a] as const));

describe('renderNotification', () => {
  it.each(VARIANTS.flatMap(([o, a]) => [[o, a, 'vi'] as const, [o, a, 'en'] as const]))(
    '%s for %s renders in %s with no hole and an SMS of at most two segments',
    (occasion, audience, lang) => {
      const r = renderNotification(occasion, FULL, { lang, publicBaseUrl: BASE, audience });
      for (const part of [r.subject, r.text, r.sms]) {
        expect(part.length).toBeGreaterThan(10);
        expect(part).not.toMatch(/undefined|null|NaN|\[object/);
      }
      expect(r.subject).toContain(CODE);
      expect(smsLength(r.sms).segments).toBeLessThanOrEqual(2);
      if (audience === 'citizen') {
        expect(r.text).toContain(`${BASE}/tra-cuu/${CODE}`);
        expect(r.sms).toContain(`${BASE}/tra-cuu/${CODE}`);
        expect(r.text).toContain(lang === 'vi' ? 'Kính gửi Ông/Bà Nguyễn Thị Ánh' : 'Dear Nguyễn Thị Ánh');
      } else {
        expect(r.text).toContain('Trần Văn Bình');
      }
    },
  );

  it('keeps Vietnamese diacritics in SMS when a usual base URL leaves room', () => {
    for (const [occasion, audience] of VARIANTS) {
      const { sms } = renderNotification(occasion, FULL, { lang: 'vi', publicBaseUrl: BASE, audience });
      expect({ occasion, audience, encoding: smsLength(sms).encoding }).toEqual({
        occasion,
        audience,
        encoding: 'UCS-2',
      });
    }
  });

  it('folds diacritics rather than exceed two segments when the link is long', () => {
    const longBase = `https://dichvucong.${'a'.repeat(40)}.gov.vn`;
    const { sms } = renderNotification('received', FULL, { lang: 'vi', publicBaseUrl: longBase });
    expect(smsLength(sms)).toMatchObject({ encoding: 'GSM-7', segments: 1 });
    expect(sms).toContain(`${longBase}/tra-cuu/${CODE}`);
    expect(foldDiacritics('Hồ sơ đã được tiếp nhận, Đà Nẵng')).toBe('Ho so da duoc tiep nhan, Da Nang');
  });

  it('writes the receipt dates the official way', () => {
    const { text } = renderNotification('received', FULL, { lang: 'vi', publicBaseUrl: BASE });
    expect(text).toContain('Thời gian hẹn trả kết quả: 17 giờ 00 phút, ngày 23/11/2026');
    expect(text).toContain('Thời gian nhận hồ sơ: 08 giờ 30 phút, ngày 20/11/2026');
  });

  it('has a template for every audience an occasion declares, and refuses others', () => {
    expect(() =>
      renderNotification('received', FULL, { lang: 'vi', publicBaseUrl: BASE, audience: 'staff' }),
    ).toThrow('template received: field "audience" has no staff template');
    const staffView = renderNotification('result_ready', FULL, { lang: 'vi', audience: 'staff' });
    expect(staffView.text).toContain('Đề nghị trả kết quả cho công dân');
  });

  it('lists every missing document of a completion request', () => {
    const { text } = renderNotification('completion_requested', FULL, { lang: 'vi', publicBaseUrl: BASE });
    expect(text).toContain('1. Bản vẽ thiết kế');
    expect(text).toContain('2. Giấy chứng nhận quyền sử dụng đất');
  });

  it.each(OCCASIONS)(
    '%s either does without a field or throws TemplateFieldError naming it when it is missing',
    (occasion) => {
      let required = 0;
      for (const field of Object.keys(FULL)) {
        const data = { ...FULL };
        delete data[field];
        const render = () => renderNotification(occasion, data, { lang: 'vi', publicBaseUrl: BASE });
        try {
          render();
        } catch (err) {
          required += 1;
          expect(err).toBeInstanceOf(TemplateFieldError);
          expect((err as Error).message).toBe(`template ${occasion}: field "${field}" is missing`);
        }
      }
      expect(required).toBeGreaterThan(0);
    },
  );

  it('rejects blank and malformed values instead of sending them', () => {
    const blank = () =>
      renderNotification('refused', { ...FULL, reason: '   ' }, { lang: 'vi', publicBaseUrl: BASE });
    expect(blank).toThrow(/field "reason" is invalid/);
    const badDate = () =>
      renderNotification('received', { ...FULL, dueAt: '23/11/2026' }, { lang: 'vi', publicBaseUrl: BASE });
    expect(badDate).toThrow(/field "dueAt" is invalid/);
    const noDocs = () =>
      renderNotification(
        'supplement_requested',
        { ...FULL, documents: [] },
        { lang: 'en', publicBaseUrl: BASE },
      );
    expect(noDocs).toThrow(/field "documents" is invalid/);
  });

  it('needs the public base URL for citizen messages only', () => {
    expect(() => renderNotification('received', FULL, { lang: 'vi' })).toThrow(/publicBaseUrl/);
    expect(renderNotification('escalation', FULL, { lang: 'vi' }).text).toContain('Điều 19 khoản 6');
  });

  it('renders optional fields only when present', () => {
    const full = renderNotification('overdue_apology', FULL, { lang: 'vi', publicBaseUrl: BASE });
    expect(full.text).toContain('Thời gian hẹn trả kết quả lại: 17 giờ 00 phút, ngày 27/11/2026');
    expect(full.text).toContain('Lý do: Cần xác minh');
    const bare = renderNotification(
      'overdue_apology',
      { ...FULL, newDueAt: undefined, reason: undefined },
      { lang: 'vi', publicBaseUrl: BASE },
    );
    expect(bare.text).not.toContain('hẹn trả kết quả lại');
    expect(bare.text).not.toContain('Lý do');
    expect(bare.text).toContain('sẽ thông báo ngay cho Ông/Bà khi có kết quả');
  });

  it('tells the citizen the old and the new date of an extension', () => {
    const { text } = renderNotification('extended', FULL, { lang: 'vi', publicBaseUrl: BASE });
    expect(text).toContain('không thể trả kết quả đúng hẹn 17 giờ 00 phút, ngày 20/11/2026');
    expect(text).toContain('hẹn lại thời gian trả kết quả: 17 giờ 00 phút, ngày 23/11/2026');
  });
});

describe('contacts', () => {
  it('normalises and masks Vietnamese numbers and e-mail addresses', () => {
    expect(normalizePhone('0912 345 678')).toBe('+84912345678');
    expect(normalizePhone('84912345678')).toBe('+84912345678');
    expect(normalizePhone('12345')).toBeUndefined();
    expect(maskPhone('+84912345678')).toBe('09******78');
    expect(maskPhone('0912345678')).toBe('09******78');
    expect(maskEmail('nguyenvana@gmail.com')).toBe('n***@gmail.com');
  });

  it('chooses channels by preference, then by what is known', () => {
    const available = ['email', 'sms', 'zalo'] as const;
    expect(selectChannels({ email: 'A@x.vn' }, { audience: 'citizen', available })).toEqual([
      { channel: 'email', address: 'a@x.vn' },
    ]);
    expect(
      selectChannels({ email: 'a@x.vn', phone: '0912345678' }, { audience: 'citizen', available }).map(
        (c) => c.channel,
      ),
    ).toEqual(['sms', 'email', 'zalo']);
    expect(
      selectChannels(
        { email: 'a@x.vn', phone: '0912345678', preferredChannels: ['zalo'] },
        { audience: 'citizen', available },
      ).map((c) => c.channel),
    ).toEqual(['zalo', 'sms', 'email']);
    expect(
      selectChannels(
        { email: 'a@x.vn', phone: '0912345678' },
        { audience: 'citizen', available, withAttachment: true },
      ).map((c) => c.channel),
    ).toEqual(['email', 'sms', 'zalo']);
    expect(
      selectChannels({ email: 'a@x.vn', phone: '0912345678' }, { audience: 'staff', available: ['sms'] }),
    ).toEqual([{ channel: 'sms', address: '+84912345678' }]);
    expect(selectChannels({ email: 'not an address' }, { audience: 'citizen', available })).toEqual([]);
  });
});
