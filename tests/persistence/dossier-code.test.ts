import {
  DailySequenceExhaustedError,
  DOSSIER_CODE_PATTERN,
  dossierCodeDay,
  formatDossierCode,
  isDossierCode,
  parseDossierCode,
} from '../../domain/dossier-code';

describe('dossier codes (Decree 118 Art. 28, TT 01/2018 Art. 19)', () => {
  test('format as identifier-yyMMdd-seq4', () => {
    expect(formatDossierCode({ agencyIdentifier: '000.00.01.H56', day: '251118', sequence: 1 })).toBe(
      '000.00.01.H56-251118-0001',
    );
    expect(formatDossierCode({ agencyIdentifier: '000.21.31.H56', day: '250101', sequence: 9999 })).toBe(
      '000.21.31.H56-250101-9999',
    );
  });

  test('take the day in Vietnam (UTC+7) whatever the server time zone', () => {
    expect(dossierCodeDay(new Date('2025-11-17T16:59:59.999Z'))).toBe('251117');
    expect(dossierCodeDay(new Date('2025-11-17T17:00:00Z'))).toBe('251118');
    expect(dossierCodeDay(new Date('2025-12-31T17:00:00Z'))).toBe('260101');
    expect(() => dossierCodeDay(new Date('not a date'))).toThrow('invalid date');
  });

  test('refuse the 10,000th code of a day with a typed error', () => {
    const exhausted = () =>
      formatDossierCode({ agencyIdentifier: '000.00.01.H56', day: '251118', sequence: 10_000 });
    expect(exhausted).toThrow(DailySequenceExhaustedError);
    expect(exhausted).toThrow('agency 000.00.01.H56 has used all 9999 dossier codes of day 251118');
  });

  test('refuse parts that cannot make a valid code', () => {
    const valid = { agencyIdentifier: '000.00.01.H56', day: '251118', sequence: 1 };
    expect(() => formatDossierCode({ ...valid, agencyIdentifier: 'centre' })).toThrow(RangeError);
    expect(() => formatDossierCode({ ...valid, day: '250231' })).toThrow(RangeError);
    expect(() => formatDossierCode({ ...valid, sequence: 0 })).toThrow(RangeError);
    expect(() => formatDossierCode({ ...valid, sequence: 1.5 })).toThrow(RangeError);
  });

  test('parse back what they format', () => {
    expect(parseDossierCode('000.00.12.H56-210518-0042')).toEqual({
      agencyIdentifier: '000.00.12.H56',
      day: '210518',
      sequence: 42,
    });
  });

  test.each([
    ['000.00.01.H56-251118-0000', 'sequence 0'],
    ['000.00.01.H56-251318-0001', 'month 13'],
    ['000.00.01.H56-250230-0001', '30 February'],
    ['000.00.01.h56-251118-0001', 'lower case'],
    ['000.00.01.H56-251118-001', 'three-digit sequence'],
    ['000.00.01.H56-20251118-0001', 'four-digit year'],
    ['000.00.01.H56-251118-0001 ', 'trailing space'],
    ['centre-251118-0001', 'agency code instead of identifier'],
  ])('reject %s (%s)', (code) => {
    expect(isDossierCode(code)).toBe(false);
  });

  test('the path pattern accepts well-formed codes only', () => {
    expect(DOSSIER_CODE_PATTERN.test('000.00.01.H56-251118-0001')).toBe(true);
    expect(DOSSIER_CODE_PATTERN.test('../../etc/passwd')).toBe(false);
    expect(DOSSIER_CODE_PATTERN.test('000.00.01.H56-251118-0001\n')).toBe(false);
  });
});
