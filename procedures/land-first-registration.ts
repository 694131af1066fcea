import { defineProcedure } from '../domain/procedure';

/**
 * First land registration and certificate (sổ đỏ lần đầu) for households and individuals, decided by the
 * commune chairman since 01/07/2025. Liên thông: the commune verifies, the land registration office
 * (under the Department of Agriculture and Environment) prepares the cadastral data, the tax office sets
 * the financial obligation, and the dossier waits for payment before the certificate is printed and signed.
 *
 * Time (Decree 101/2024/NĐ-CP Art. 22, as recalled: no copy of the decree could be read here): first
 * registration with a certificate takes at most 20 working days; the time the land user takes to fulfil the
 * financial obligation is not counted, so the tax steps add no days of the citizen's, while the tax office's
 * own assessment (`tax-assessment`) is inside the 20. Not modelled, from the same article: 10 more working
 * days in mountain, island and disadvantaged communes, and the other periods it leaves out (violations
 * being handled, expert examination). docs/rules.md I4 says what remains to verify.
 */
export default defineProcedure({
  code: '1.013978',
  nationalCode: '1.013978',
  name: 'Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất lần đầu đối với hộ gia đình, cá nhân, cộng đồng dân cư, người gốc Việt Nam định cư ở nước ngoài',
  sector: 'Đất đai',
  level: 'commune',
  competentAgency: 'commune',
  onlineLevel: 'partial',
  deadline: { amount: 20, unit: 'working_days' },
  steps: [
    {
      id: 'verify',
      name: 'Kiểm tra hồ sơ, xác nhận hiện trạng, nguồn gốc và thời điểm sử dụng đất',
      agency: 'commune',
      role: 'specialist',
      duration: { amount: 6, unit: 'working_days' },
    },
    {
      id: 'cadastre',
      name: 'Chi nhánh Văn phòng đăng ký đất đai trích đo, kiểm tra hồ sơ địa chính và chuyển thông tin địa chính đến cơ quan thuế',
      agency: 'land',
      role: 'specialist',
      duration: { amount: 6, unit: 'working_days' },
    },
    {
      id: 'tax-assessment',
      name: 'Cơ quan thuế xác định nghĩa vụ tài chính và ra thông báo nộp tiền',
      agency: 'tax',
      role: 'specialist',
      duration: { amount: 3, unit: 'working_days' },
    },
    {
      id: 'certificate',
      name: 'Cập nhật cơ sở dữ liệu đất đai, in Giấy chứng nhận',
      agency: 'land',
      role: 'specialist',
      duration: { amount: 3, unit: 'working_days' },
    },
    {
      id: 'sign',
      name: 'Chủ tịch Ủy ban nhân dân xã ký Giấy chứng nhận',
      agency: 'commune',
      role: 'leader',
      duration: { amount: 2, unit: 'working_days' },
    },
  ],
  documents: [
    { name: 'Đơn đăng ký đất đai, tài sản gắn liền với đất theo mẫu', form: 'original', required: true },
    {
      name: 'Giấy tờ về quyền sử dụng đất theo Điều 137 Luật Đất đai (nếu có)',
      form: 'certified_copy',
      required: false,
    },
    {
      name: 'Sơ đồ tài sản gắn liền với đất (trừ trường hợp giấy tờ đã có sơ đồ)',
      form: 'original',
      required: false,
    },
    {
      name: 'Giấy tờ liên quan đến việc miễn, giảm nghĩa vụ tài chính (nếu có)',
      form: 'copy',
      required: false,
    },
  ],
  // Rates are set by the provincial People's Council; these are the demo province's.
  fees: [
    { name: 'Lệ phí cấp Giấy chứng nhận', amountVnd: 100_000, kind: 'charge' },
    { name: 'Phí thẩm định hồ sơ cấp Giấy chứng nhận', amountVnd: 500_000, kind: 'fee' },
  ],
  // Land use fee and registration fee (lệ phí trước bạ) are paid between tax assessment and printing.
  financialObligation: true,
  // Decree 101/2024/NĐ-CP Art. 22 leaves the time to fulfil the financial obligation out of the 20 days.
  paymentWaitExcluded: true,
  result: {
    name: 'Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất',
    delivery: 'both',
  },
  // 20 working days is the published time for first registration with a certificate.
  legalBasis: [
    'Luật Đất đai số 31/2024/QH15',
    'Nghị định số 101/2024/NĐ-CP, Điều 22 (thời gian thực hiện thủ tục) quy định về điều tra cơ bản đất đai; đăng ký, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất',
    'Nghị định số 151/2025/NĐ-CP về phân định thẩm quyền của chính quyền địa phương 02 cấp, phân quyền, phân cấp trong lĩnh vực đất đai',
  ],
});
