/**
 * Page furniture shared by the official forms: the national motto header, the dateline, the form's
 * number, the dossier code with its QR code, labelled lines, ruled tables and signature blocks.
 * TT 01/2018 prints the slips on A5 and the tracking book on A4.
 */
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { toBuffer } from 'qrcode';
import { formatDatelineVi } from '../../domain/notifications/format';
import type { FormIdentity } from './schemas';

// DejaVu carries every precomposed Vietnamese letter (ắ, ỗ, ự …); the PDF base-14 fonts carry none.
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONTS = {
  regular: 'DejaVuSerif.ttf',
  bold: 'DejaVuSerif-Bold.ttf',
  italic: 'DejaVuSerif-Italic.ttf',
  boldItalic: 'DejaVuSerif-BoldItalic.ttf',
} as const;
type FontStyle = keyof typeof FONTS;

export const NATIONAL_NAME = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const NATIONAL_MOTTO = 'Độc lập - Tự do - Hạnh phúc';

/** Error correction M survives a smudged print and keeps a 60-character URL at version 3-4. */
export const QR_ERROR_CORRECTION = 'M' as const;

export interface PageSetup {
  size: 'A5' | 'A4';
  layout: 'portrait' | 'landscape';
  title: string;
}

export interface Column {
  header: string;
  /** Share of the table width. */
  weight: number;
  align?: 'left' | 'center' | 'right';
}

export interface SignatureBlock {
  title: string;
  note?: string;
  name?: string;
}

const BODY_SIZE = 9;
const SMALL_SIZE = 8;

export class FormWriter {
  private readonly doc: PDFKit.PDFDocument;
  private readonly done: Promise<Buffer>;

  constructor(setup: PageSetup) {
    this.doc = new PDFDocument({
      size: setup.size,
      layout: setup.layout,
      margins: { top: 24, bottom: 24, left: 32, right: 26 },
      info: { Title: setup.title, Creator: 'MotCua', Producer: 'MotCua' },
      lang: 'vi-VN',
    });
    const chunks: Buffer[] = [];
    this.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    this.done = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
    });
    for (const [style, file] of Object.entries(FONTS))
      this.doc.registerFont(style, path.join(FONT_DIR, file));
    this.use('regular', BODY_SIZE);
  }

  get left(): number {
    return this.doc.page.margins.left;
  }

  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  private get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  private use(style: FontStyle, size: number): this {
    this.doc.font(style).fontSize(size);
    return this;
  }

  /** Largest size up to `max` at which the line fits the width, for names of any length. */
  private fit(textLine: string, style: FontStyle, width: number, max: number): number {
    this.use(style, max);
    const w = this.doc.widthOfString(textLine);
    return w <= width ? max : Math.max(6, Math.floor(((max * width) / w) * 10) / 10);
  }

  /** "Mẫu số 04" in the corner, naming the circular whose appendix defines the form. */
  formReference(identity: FormIdentity): this {
    const label = identity.number
      ? `Mẫu số ${identity.number} - ${identity.title} (${identity.circular})`
      : `${identity.title} (Nghị định 118/2025/NĐ-CP, Điều 21)`;
    this.use('italic', 6.5).doc.text(label, this.left, this.doc.y, { width: this.width, align: 'right' });
    this.doc.moveDown(0.4);
    return this;
  }

  /** Unit on the left, national name and motto on the right, as every administrative document. */
  header(unit: { governingBody?: string; agencyName: string; documentNumber?: string }): this {
    const top = this.doc.y;
    const leftWidth = this.width * 0.42;
    const rightX = this.left + leftWidth + 6;
    const rightWidth = this.width - leftWidth - 6;

    let y = top;
    if (unit.governingBody) {
      const line = unit.governingBody.toLocaleUpperCase('vi');
      this.use('regular', this.fit(line, 'regular', leftWidth, 8));
      this.doc.text(line, this.left, y, { width: leftWidth, align: 'center' });
      y = this.doc.y;
    }
    const agency = unit.agencyName.toLocaleUpperCase('vi');
    this.use('bold', 8);
    this.doc.text(agency, this.left, y, { width: leftWidth, align: 'center' });
    y = this.doc.y + 2.5;
    this.rule(this.left + leftWidth * 0.3, this.left + leftWidth * 0.7, y);
    if (unit.documentNumber) {
      this.use('regular', 8).doc.text(`Số: ${unit.documentNumber}`, this.left, y + 4, {
        width: leftWidth,
        align: 'center',
      });
    }
    const leftBottom = this.doc.y;

    this.use('bold', this.fit(NATIONAL_NAME, 'bold', rightWidth, 8.5));
    this.doc.text(NATIONAL_NAME, rightX, top, { width: rightWidth, align: 'center' });
    this.use('bold', 8.5).doc.text(NATIONAL_MOTTO, rightX, this.doc.y, {
      width: rightWidth,
      align: 'center',
    });
    const mottoWidth = this.doc.widthOfString(NATIONAL_MOTTO);
    const mottoY = this.doc.y + 2.5;
    this.rule(rightX + (rightWidth - mottoWidth) / 2, rightX + (rightWidth + mottoWidth) / 2, mottoY);

    this.doc.y = Math.max(leftBottom, mottoY) + 6;
    return this;
  }

  /** "Phước Hòa, ngày 23 tháng 11 năm 2026", right-aligned in italics. */
  dateline(place: string | undefined, date: string | Date): this {
    const line = place ? `${place}, ${formatDatelineVi(date)}` : formatDatelineVi(date);
    const right = this.width * 0.58;
    this.use('italic', 8.5).doc.text(line, this.left + this.width - right, this.doc.y, {
      width: right,
      align: 'center',
    });
    this.doc.moveDown(0.6);
    return this;
  }

  title(textTitle: string, subtitle?: string): this {
    this.use('bold', 11.5).doc.text(textTitle.toLocaleUpperCase('vi'), this.left, this.doc.y, {
      width: this.width,
      align: 'center',
    });
    if (subtitle) {
      this.use('italic', 8.5).doc.text(subtitle, this.left, this.doc.y, {
        width: this.width,
        align: 'center',
      });
    }
    this.doc.moveDown(0.6);
    return this;
  }

  /**
   * The dossier code beside a QR code of the public tracking page (Decree 118 Art. 17(3): the code
   * printed on the receipt is how citizens track the dossier), or a procedure's code beside its page on
   * the sheet posted at the counter. The QR area is also a link.
   */
  async codeWithQr(
    code: string,
    url: string,
    { label = 'Mã hồ sơ', caption = 'Tra cứu tình trạng hồ sơ tại:', size = 50, qr = url } = {},
  ): Promise<this> {
    const top = this.doc.y;
    const textWidth = this.width - size - 8;
    // The QR may carry more than the printed address (the receipt's access code).
    const png = await toBuffer(qr, {
      errorCorrectionLevel: QR_ERROR_CORRECTION,
      margin: 0,
      // Enough pixels per module that a large print stays sharp after rendering.
      scale: Math.ceil(size / 14),
    });
    const qrX = this.left + this.width - size;
    this.doc.image(png, qrX, top, { width: size, height: size });
    this.doc.link(qrX, top, size, size, qr);

    this.use('bold', 10).doc.text(`${label}: ${code}`, this.left, top + 6, { width: textWidth });
    this.use('italic', SMALL_SIZE).doc.text(caption, this.left, this.doc.y + 2, {
      width: textWidth,
    });
    this.use('regular', SMALL_SIZE).doc.text(url, this.left, this.doc.y, { width: textWidth, link: url });
    this.doc.y = Math.max(this.doc.y, top + size) + 6;
    return this;
  }

  paragraph(
    content: string,
    options: { style?: FontStyle; align?: 'left' | 'justify' | 'center' } = {},
  ): this {
    this.ensure(14);
    this.use(options.style ?? 'regular', BODY_SIZE).doc.text(content, this.left, this.doc.y, {
      width: this.width,
      align: options.align ?? 'justify',
      lineGap: 1,
    });
    this.doc.moveDown(0.25);
    return this;
  }

  /** "Label: value", label in bold; skipped when the value is absent so nothing prints half-filled. */
  field(label: string, value: string | undefined): this {
    if (value === undefined) return this;
    this.ensure(14);
    this.use('bold', BODY_SIZE).doc.text(`${label}: `, this.left, this.doc.y, {
      width: this.width,
      continued: true,
      lineGap: 1,
    });
    this.use('regular', BODY_SIZE).doc.text(value, { lineGap: 1 });
    this.doc.moveDown(0.15);
    return this;
  }

  /** A ruled table; rows move to a new page (with the header again) when they do not fit. */
  table(columns: readonly Column[], rows: readonly (readonly string[])[], size = SMALL_SIZE): this {
    const total = columns.reduce((s, c) => s + c.weight, 0);
    const widths = columns.map((c) => (c.weight / total) * this.width);
    const pad = 3;
    const heightOf = (cells: readonly string[], style: FontStyle): number => {
      this.use(style, size);
      return (
        Math.max(
          ...cells.map((cell, i) => this.doc.heightOfString(cell || ' ', { width: widths[i] - 2 * pad })),
        ) +
        2 * pad
      );
    };
    const drawRow = (cells: readonly string[], style: FontStyle): void => {
      const h = heightOf(cells, style);
      const y = this.doc.y;
      let x = this.left;
      this.use(style, size);
      cells.forEach((cell, i) => {
        this.doc.rect(x, y, widths[i], h).lineWidth(0.5).stroke();
        this.doc.text(cell, x + pad, y + pad, {
          width: widths[i] - 2 * pad,
          align: style === 'bold' ? 'center' : (columns[i].align ?? 'left'),
        });
        x += widths[i];
      });
      this.doc.x = this.left;
      this.doc.y = y + h;
    };
    const headers = columns.map((c) => c.header);
    this.ensure(heightOf(headers, 'bold') + (rows[0] ? heightOf(rows[0], 'regular') : 0));
    drawRow(headers, 'bold');
    for (const row of rows) {
      if (this.doc.y + heightOf(row, 'regular') > this.bottom) {
        this.doc.addPage();
        drawRow(headers, 'bold');
      }
      drawRow(row, 'regular');
    }
    this.doc.moveDown(0.5);
    return this;
  }

  /** Side-by-side signature blocks, room left for the hand signature and seal; null leaves a column empty. */
  signatures(blocks: readonly (SignatureBlock | null)[]): this {
    const space = 32;
    const height = 14 + 10 + space + 12;
    this.ensure(height + 8);
    this.doc.moveDown(0.4);
    const top = this.doc.y;
    const columnWidth = this.width / blocks.length;
    let lowest = top;
    blocks.forEach((block, i) => {
      if (!block) return;
      const x = this.left + i * columnWidth;
      this.use('bold', 8.5).doc.text(block.title, x, top, { width: columnWidth, align: 'center' });
      this.use('italic', 7.5).doc.text(block.note ?? '(Ký, ghi rõ họ tên)', x, this.doc.y, {
        width: columnWidth,
        align: 'center',
      });
      if (block.name) {
        this.use('bold', 8.5).doc.text(block.name, x, this.doc.y + space, {
          width: columnWidth,
          align: 'center',
        });
      }
      lowest = Math.max(lowest, this.doc.y);
    });
    this.doc.x = this.left;
    this.doc.y = Math.max(lowest, top + height - 12) + 6;
    return this;
  }

  /** "Nơi nhận:" list at the foot of letters. */
  recipients(lines: readonly string[]): this {
    this.ensure(12 * (lines.length + 1));
    this.use('boldItalic', 7.5).doc.text('Nơi nhận:', this.left, this.doc.y, { width: this.width / 2 });
    this.use('regular', 7).doc.text(lines.map((l) => `- ${l}`).join('\n'), { width: this.width / 2 });
    return this;
  }

  note(content: string): this {
    this.ensure(12);
    this.use('italic', 7).doc.text(content, this.left, this.doc.y, { width: this.width, align: 'justify' });
    this.doc.moveDown(0.2);
    return this;
  }

  gap(lines = 0.4): this {
    this.doc.moveDown(lines);
    return this;
  }

  finish(): Promise<Buffer> {
    this.doc.end();
    return this.done;
  }

  private ensure(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  private rule(x1: number, x2: number, y: number): void {
    this.doc.moveTo(x1, y).lineTo(x2, y).lineWidth(0.6).stroke();
  }
}
