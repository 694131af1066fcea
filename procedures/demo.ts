import { defineProcedure } from '../domain/procedure';

/**
 * A round-the-clock procedure for demos and tests: 30 minutes of elapsed time, one parallel consultation,
 * so every path of a dossier can be watched in minutes. The '0.' code range is reserved for demos.
 */
export default defineProcedure({
  code: '0.000001',
  name: 'Thủ tục minh họa (demo)',
  sector: 'Minh họa',
  level: 'province',
  competentAgency: 'justice',
  onlineLevel: 'full',
  deadline: { amount: 30, unit: 'minutes' },
  calendar: '24x7',
  steps: [
    {
      id: 'review',
      name: 'Thẩm định hồ sơ',
      agency: 'justice',
      role: 'specialist',
      duration: { amount: 10, unit: 'minutes' },
    },
    {
      id: 'land-opinion',
      name: 'Lấy ý kiến Sở Nông nghiệp và Môi trường',
      agency: 'land',
      role: 'specialist',
      duration: { amount: 8, unit: 'minutes' },
      parallelGroup: 'consultation',
    },
    {
      id: 'construction-opinion',
      name: 'Lấy ý kiến Sở Xây dựng',
      agency: 'construction',
      role: 'specialist',
      duration: { amount: 8, unit: 'minutes' },
      parallelGroup: 'consultation',
    },
    {
      id: 'approve',
      name: 'Lãnh đạo Sở Tư pháp phê duyệt',
      agency: 'justice',
      role: 'leader',
      duration: { amount: 5, unit: 'minutes' },
    },
  ],
  documents: [
    { name: 'Đơn đề nghị (minh họa)', form: 'original', required: true },
    { name: 'Giấy tờ kèm theo (minh họa)', form: 'copy', required: false },
  ],
  fees: [{ name: 'Lệ phí (minh họa)', amountVnd: 10_000, kind: 'charge' }],
  financialObligation: false,
  result: { name: 'Văn bản kết quả (minh họa)', delivery: 'both' },
  reminderOffsets: [
    { amount: 10, unit: 'minutes' },
    { amount: 5, unit: 'minutes' },
  ],
  legalBasis: [
    'Nghị định số 118/2025/NĐ-CP về thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa liên thông',
  ],
  demo: true,
});
