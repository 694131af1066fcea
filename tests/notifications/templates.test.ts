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
  templateFields,
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
  reason: 'Cần xác minh thực địa ranh giới thửa đất',
  missingDocuments: ['Bản vẽ thiết kế', 'Giấy chứng nhận quyền sử dụng đất'],
  documents: ['Bản vẽ mặt bằng có chữ ký'],
  closeBy: '2026-12-08T10:00:00Z',
  stepName: 'Thẩm định hồ sơ',
  stepDueAt: at,
  supplementedAt: at,
  amount: 1500000,
  dueInWorkingDays: 2,
  returnAt: '2026-11-21T08:00:00Z',
  returnedAt: at,
  withdrawnAt: at,
  supplementRequestedAt: '2026-11-10T03:00:00Z',
  closedAt: at,
};

describe('dates and money as citizens read them', () => {
  it('formats in Asia/Ho_Chi_Minh whatever the offset of the input', () => {
    expect(formatDateTimeVi('2026-11-23T10:00:00Z')).toBe('17 giờ 00 phút, ngày 23/11/2026');
    expect(formatDateTimeVi('2026-11-23T17:00:00+07:00')).toBe('17 giờ 00 phút, ngày 23/11/2026');
    expect(formatDateTimeVi('2026-11-23T20:30:00Z')).toBe('03 giờ 30 phút, ngày 24/11/2026');
    expect(formatAmountVi(1500000)).toBe('1.500.000 đồng');
  });
});

describe('renderNotification', () => {
  it.each(OCCASIONS.flatMap((o) => [[o, 'vi'] as const, [o, 'en'] as const]))(
    '%s renders in %s with no hole and an SMS of at most two segments',
    (occasion, lang) => {
      const r = renderNotification(occasion, FULL, { lang, publicBaseUrl: BASE });
      for (const part of [r.subject, r.text, r.sms]) {
        expect(part.length).toBeGreaterThan(10);
        expect(part).not.toMatch(/undefined|null|NaN|\[object/);
      }
      expect(r.subject).toContain(CODE);
      expect(smsLength(r.sms).segments).toBeLessThanOrEqual(2);
      if (OCCASION_INFO[occasion].audience === 'citizen') {
        expect(r.text).toContain(`${BASE}/tra-cuu/${CODE}`);
        expect(r.sms).toContain(`${BASE}/tra-cuu/${CODE}`);
        expect(r.text).toContain(lang === 'vi' ? 'Kính gửi Ông/Bà Nguyễn Thị Ánh' : 'Dear Nguyễn Thị Ánh');
      } else {
        expect(r.text).toContain('Trần Văn Bình');
      }
    },
  );

  it('keeps Vietnamese diacritics in SMS when a usual base URL leaves room', () => {
    for (const occasion of OCCASIONS) {
      const { sms } = renderNotification(occasion, FULL, { lang: 'vi', publicBaseUrl: BASE });
      expect({ occasion, encoding: smsLength(sms).encoding }).toEqual({ occasion, encoding: 'UCS-2' });
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

  it('lists every missing document of a completion request', () => {
    const { text } = renderNotification('completion_requested', FULL, { lang: 'vi', publicBaseUrl: BASE });
    expect(text).toContain('1. Bản vẽ thiết kế');
    expect(text).toContain('2. Giấy chứng nhận quyền sử dụng đất');
  });

  it.each(OCCASIONS)(
    '%s throws TemplateFieldError naming each required field when it is missing',
    (occasion) => {
      for (const field of templateFields(occasion).required) {
        const data = { ...FULL };
        delete data[field];
        const render = () => renderNotification(occasion, data, { lang: 'vi', publicBaseUrl: BASE });
        expect(render).toThrow(TemplateFieldError);
        expect(render).toThrow(`template ${occasion}: field "${field}" is missing`);
      }
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
    const without = renderNotification('overdue_apology', FULL, { lang: 'vi', publicBaseUrl: BASE });
    expect(without.text).toContain('Thời gian hẹn trả kết quả lại: 17 giờ 00 phút, ngày 27/11/2026');
    const { newDueAt: _omit, ...rest } = FULL;
    const withoutDate = renderNotification('overdue_apology', rest, { lang: 'vi', publicBaseUrl: BASE });
    expect(withoutDate.text).not.toContain('hẹn trả kết quả lại');
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
