import { defineProcedure } from '../domain/procedure';

/**
 * Đăng ký khai sinh at the commune. The law says "ngay trong ngày" (Luật Hộ tịch Art. 16(2)): an
 * immediate result (Decree 118 Art. 17(4)), with no appointment; a dossier received after 15:00 that cannot
 * be settled at once is returned the next working day, the outer bound of one working day.
 */
export default defineProcedure({
  code: '1.001193',
  nationalCode: '1.001193',
  name: 'Thủ tục đăng ký khai sinh',
  sector: 'Hộ tịch',
  level: 'commune',
  competentAgency: 'commune',
  onlineLevel: 'full',
  deadline: { amount: 1, unit: 'working_days' },
  immediateResult: true,
  steps: [
    {
      id: 'verify',
      name: 'Công chức tư pháp - hộ tịch kiểm tra hồ sơ, ghi Sổ đăng ký khai sinh và cập nhật Cơ sở dữ liệu hộ tịch điện tử',
      agency: 'commune',
      role: 'specialist',
      duration: { amount: 4, unit: 'working_hours' },
    },
    {
      id: 'sign',
      name: 'Chủ tịch Ủy ban nhân dân xã ký Giấy khai sinh',
      agency: 'commune',
      role: 'leader',
      duration: { amount: 2, unit: 'working_hours' },
    },
  ],
  documents: [
    { name: 'Tờ khai đăng ký khai sinh theo mẫu', form: 'original', required: true },
    { name: 'Giấy chứng sinh hoặc giấy tờ thay thế Giấy chứng sinh', form: 'original', required: true },
    { name: 'Văn bản ủy quyền được chứng thực (trường hợp ủy quyền)', form: 'original', required: false },
  ],
  // Luật Hộ tịch Art. 11(1)(b): no charge for a birth registered on time.
  fees: [],
  financialObligation: false,
  result: { name: 'Giấy khai sinh (bản chính và bản điện tử)', delivery: 'both' },
  // The default two and one working days do not fit in a one-day deadline.
  reminderOffsets: [
    { amount: 4, unit: 'working_hours' },
    { amount: 2, unit: 'working_hours' },
  ],
  // Code and name as published in the national TTHC database; the 15:00 rule is from its deadline text.
  legalBasis: [
    'Luật Hộ tịch số 60/2014/QH13, Điều 16',
    'Nghị định số 123/2015/NĐ-CP quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch',
    'Nghị định số 118/2025/NĐ-CP về thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa liên thông',
  ],
});
