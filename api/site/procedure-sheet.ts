import { FormWriter } from '../../activities/forms/layout';
import { documentTable } from '../../activities/forms/render';
import type { ProcedurePage } from './models';

/**
 * The A4 sheet posted on the counter wall: what the procedure asks for and costs, and a QR code to its
 * page, where provinces used to post paper listings of procedures.
 */
export async function procedureSheet(p: ProcedurePage): Promise<Buffer> {
  const sheet = new FormWriter({ size: 'A4', layout: 'portrait', title: p.name });
  sheet.header({ agencyName: p.receivingAgency }).title(p.name, `Lĩnh vực: ${p.sector}`);
  await sheet.codeWithQr(p.code, p.url, {
    label: 'Mã thủ tục',
    caption: 'Quét mã QR để xem thủ tục và tra cứu hồ sơ tại:',
    // Read from a step or two away on the wall.
    size: 110,
  });
  sheet
    .field('Cấp thực hiện', p.level)
    .field('Mức độ trực tuyến', p.online)
    .field('Thời hạn giải quyết', p.deadline)
    .field('Nơi tiếp nhận', p.receivingAgency)
    .field('Cơ quan giải quyết', p.competentAgency)
    .field('Kết quả', p.result)
    .gap();
  documentTable(
    sheet,
    p.documents.map((d) => ({
      name: d.required ? d.name : `${d.name} (nếu có)`,
      form: d.kind,
      quantity: d.quantity,
    })),
  );
  sheet.field(
    'Phí, lệ phí',
    p.fees.length ? p.fees.map((f) => `${f.name}: ${f.amount}`).join('; ') : 'Không',
  );
  sheet.field('Căn cứ pháp lý', p.legalBasis.join('; '));
  return sheet.finish();
}
