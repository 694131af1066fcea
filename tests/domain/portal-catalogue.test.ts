import {
  catalogueDifferences,
  catalogueEntryOf,
  type PortalCatalogueProcedure,
} from '../../domain/portal/catalogue';

const procedure = {
  nationalCode: '1.001193',
  name: 'Thủ tục đăng ký khai sinh',
  deadline: { amount: 1, unit: 'working_days' },
  fees: [{ name: 'Lệ phí đăng ký khai sinh', amountVnd: 8000, kind: 'charge' }],
} as const;
const same = catalogueEntryOf(procedure);

test.each<[string, Partial<PortalCatalogueProcedure>, ReturnType<typeof catalogueDifferences>]>([
  ['the same entry', {}, []],
  ['other spacing and case', { tenTTHC: '  thủ tục  ĐĂNG KÝ khai sinh ' }, []],
  [
    'another name',
    { tenTTHC: 'Đăng ký khai sinh' },
    [{ field: 'name', local: 'Thủ tục đăng ký khai sinh', portal: 'Đăng ký khai sinh' }],
  ],
  [
    'another deadline',
    { thoiHanGiaiQuyet: '3 ngày làm việc' },
    [{ field: 'deadline', local: '1 ngày làm việc', portal: '3 ngày làm việc' }],
  ],
  [
    'no deadline on the portal',
    { thoiHanGiaiQuyet: undefined },
    [{ field: 'deadline', local: '1 ngày làm việc', portal: '' }],
  ],
  [
    'another amount',
    { phiLePhi: [{ tenPhiLePhi: 'Lệ phí đăng ký khai sinh', mucPhi: '10000' }] },
    [
      {
        field: 'fees',
        local: 'Lệ phí đăng ký khai sinh: 8.000 đ',
        portal: 'Lệ phí đăng ký khai sinh: 10.000 đ',
      },
    ],
  ],
  [
    'a fee the file lacks',
    { phiLePhi: [...same.phiLePhi!, { tenPhiLePhi: 'Phí bản sao', mucPhi: '3000' }] },
    [
      {
        field: 'fees',
        local: 'Lệ phí đăng ký khai sinh: 8.000 đ',
        portal: 'Lệ phí đăng ký khai sinh: 8.000 đ; Phí bản sao: 3.000 đ',
      },
    ],
  ],
  [
    'no fees on the portal',
    { phiLePhi: [] },
    [{ field: 'fees', local: 'Lệ phí đăng ký khai sinh: 8.000 đ', portal: '' }],
  ],
])('%s', (_, change, expected) => {
  expect(catalogueDifferences(procedure, { ...same, ...change })).toEqual(expected);
});

test('the fees are compared whatever their order', () => {
  const twoFees = {
    ...procedure,
    fees: [...procedure.fees, { name: 'Phí bản sao', amountVnd: 3000, kind: 'fee' }],
  } as const;
  const entry = catalogueEntryOf(twoFees);
  expect(catalogueDifferences(twoFees, { ...entry, phiLePhi: [...entry.phiLePhi!].reverse() })).toEqual([]);
});
