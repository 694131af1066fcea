import { defineProcedure } from '../domain/procedure';

/**
 * Đăng ký thành lập hộ kinh doanh: from 01/07/2025 the business registration office of the commune
 * decides it, within 03 working days of a valid dossier.
 */
export default defineProcedure({
  code: '1.001612',
  nationalCode: '1.001612',
  name: 'Đăng ký thành lập hộ kinh doanh',
  sector: 'Thành lập và hoạt động của hộ kinh doanh',
  level: 'commune',
  competentAgency: 'commune',
  onlineLevel: 'full',
  deadline: { amount: 3, unit: 'working_days' },
  steps: [
    {
      id: 'review',
      name: 'Kiểm tra tính hợp lệ của hồ sơ, cập nhật Hệ thống thông tin quốc gia về đăng ký hộ kinh doanh',
      agency: 'commune',
      role: 'specialist',
      duration: { amount: 2, unit: 'working_days' },
    },
    {
      id: 'sign',
      name: 'Cấp Giấy chứng nhận đăng ký hộ kinh doanh',
      agency: 'commune',
      role: 'leader',
      duration: { amount: 1, unit: 'working_days' },
    },
  ],
  documents: [
    { name: 'Giấy đề nghị đăng ký hộ kinh doanh', form: 'original', required: true },
    {
      name: 'Biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh (trường hợp các thành viên hộ gia đình đăng ký)',
      form: 'copy',
      required: false,
    },
    { name: 'Văn bản ủy quyền (trường hợp ủy quyền)', form: 'original', required: false },
  ],
  // Set by the provincial People's Council (HĐND tỉnh); 100.000 đồng is the demo province's rate.
  fees: [{ name: 'Lệ phí đăng ký hộ kinh doanh', amountVnd: 100_000, kind: 'charge' }],
  financialObligation: false,
  result: { name: 'Giấy chứng nhận đăng ký hộ kinh doanh', delivery: 'both' },
  // The code is the one published before the 2025 reform; check the database for a renumbering.
  legalBasis: [
    'Nghị định số 168/2025/NĐ-CP về đăng ký doanh nghiệp (đăng ký hộ kinh doanh tại cấp xã)',
    'Nghị định số 118/2025/NĐ-CP về thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa liên thông',
  ],
});
