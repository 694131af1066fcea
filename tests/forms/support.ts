/**
 * Reading back the PDFs the forms produce: their text, pages, links and images (pdf-parse v2), and a
 * minimal PNG decoder for the QR image pdf-parse hands back, so no image library is needed.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import zlib from 'node:zlib';

export interface PdfContent {
  /** All text, whitespace collapsed so wrapped lines still match. */
  text: string;
  pages: { width: number; height: number; links: { url: string }[] }[];
  images: { width: number; height: number; png: Buffer }[];
}

interface ChildOutput {
  text: string;
  pages: PdfContent['pages'];
  images: { width: number; height: number; png: string }[];
}

/** Text, page sizes, link annotations and images of a PDF, read by pdf-parse in a child process. */
export function readPdf(pdf: Buffer): Promise<PdfContent> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', path.join(__dirname, 'read-pdf.ts')],
      { maxBuffer: 64 * 1024 * 1024 },
      (err, stdout) => {
        if (err) return reject(err);
        const out = JSON.parse(stdout) as ChildOutput;
        resolve({
          text: out.text.replace(/\s+/g, ' '),
          pages: out.pages,
          images: out.images.map((i) => ({ ...i, png: Buffer.from(i.png, 'base64') })),
        });
      },
    );
    child.stdin?.end(pdf);
  });
}

export interface Bitmap {
  width: number;
  height: number;
  /** Luminance 0..255 of the pixel. */
  gray(x: number, y: number): number;
}

/** 8-bit, non-interlaced PNG (what pdf-parse writes): grey, grey+alpha, RGB or RGBA. */
export function decodePng(png: Buffer): Bitmap {
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[12] !== 0) throw new Error('only 8-bit non-interlaced PNG');
      channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[data[9]] ?? 0;
      if (!channels) throw new Error(`unsupported PNG colour type ${data[9]}`);
    } else if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x];
      const a = x >= channels ? pixels[y * stride + x - channels] : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels] : 0;
      const p = a + b - c;
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
          ? a
          : Math.abs(p - b) <= Math.abs(p - c)
            ? b
            : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter];
      pixels[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  return {
    width,
    height,
    gray: (x, y) => {
      const i = y * stride + x * channels;
      return channels >= 3 ? (pixels[i] + pixels[i + 1] + pixels[i + 2]) / 3 : pixels[i];
    },
  };
}
