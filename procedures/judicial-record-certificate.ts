import { defineProcedure } from '../domain/procedure';

/**
 * Cấp Phiếu lý lịch tư pháp, issued by the provincial police since judicial records passed from the Ministry
 * of Justice to the Ministry of Public Security in 2025 (the code is the Ministry's).
 *
 * Deadline (Luật Lý lịch tư pháp Art. 48(1)): 10 days from a valid request; 15 days when the applicant lived
 * in several places or abroad, is a foreigner, or when whether a conviction is spent (đương nhiên được xóa
 * án tích) must be verified. Whether it must is found at the lookup, so the police declare it during
 * processing (`require-verification`) and the 15 days count from the same receipt (docs/rules.md P1).
 *
 * The parallel check asks whether the civil parts of a sentence (compensation, court fees) were enforced: the
 * law has the records agency ask the civil judgment enforcement agency for it, alongside the police,
 * procuracy and courts (Art. 44(3) as this file cited it before). Since 2025 that is the province's
 * Thi hành án dân sự tỉnh (Ministry of Justice), no longer a department of justice.
 *
 * Read here: none of the statute's text (no copy was found to read); the articles are cited from the
 * national TTHC record of this procedure as recalled, and must be checked against the consolidated law
 * and the 2025 transfer decree before go-live.
 *
 * Steps are in working days, which the validator measures against the calendar-day deadline at 5 working
 * days a week: 7 working days fit in 10 days.
 */
export default defineProcedure({
  code: '3.000333',
  nationalCode: '3.000333',
  name: 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam',
  sector: 'Lý lịch tư pháp',
  level: 'province',
  competentAgency: 'police',
  onlineLevel: 'full',
  deadline: { amount: 10, unit: 'days' },
  verification: { deadline: { amount: 15, unit: 'days' }, basis: 'Luật Lý lịch tư pháp, Điều 48 khoản 1' },
  steps: [
    {
      id: 'lookup',
      name: 'Tra cứu Cơ sở dữ liệu lý lịch tư pháp',
      agency: 'police',
      role: 'specialist',
      duration: { amount: 2, unit: 'working_days' },
    },
    {
      id: 'criminal-check',
      name: 'Xác minh thông tin về án tích trong hồ sơ nghiệp vụ',
      agency: 'police',
      role: 'specialist',
      duration: { amount: 3, unit: 'working_days' },
      parallelGroup: 'verification',
    },
    {
      id: 'enforcement-check',
      name: 'Xác minh kết quả thi hành án dân sự (điều kiện đương nhiên được xóa án tích)',
      agency: 'enforcement',
      role: 'specialist',
      duration: { amount: 3, unit: 'working_days' },
      parallelGroup: 'verification',
    },
    {
      id: 'sign',
      name: 'Lãnh đạo Phòng Hồ sơ nghiệp vụ ký Phiếu lý lịch tư pháp',
      agency: 'police',
      role: 'leader',
      duration: { amount: 2, unit: 'working_days' },
    },
  ],
  documents: [
    { name: 'Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp theo mẫu', form: 'original', required: true },
    {
      name: 'Bản chụp giấy tờ tùy thân (khi không khai thác được từ Cơ sở dữ liệu quốc gia về dân cư)',
      form: 'copy',
      required: false,
    },
    { name: 'Văn bản ủy quyền (trường hợp ủy quyền)', form: 'original', required: false },
  ],
  fees: [{ name: 'Phí cung cấp thông tin lý lịch tư pháp', amountVnd: 200_000, kind: 'fee' }],
  financialObligation: false,
  result: { name: 'Phiếu lý lịch tư pháp', delivery: 'both' },
  legalBasis: [
    'Luật Lý lịch tư pháp số 28/2009/QH12, Điều 44 khoản 3, Điều 48 khoản 1',
    'Nghị định số 111/2010/NĐ-CP quy định chi tiết và hướng dẫn thi hành một số điều của Luật Lý lịch tư pháp',
    'Thông tư số 244/2016/TT-BTC quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí cung cấp thông tin lý lịch tư pháp',
  ],
});
