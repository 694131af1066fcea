/**
 * Reading back the PDFs the forms produce: their text, pages, links and images (pdf-parse v2), and the
 * QR code in an image, as a phone would read it (pngjs decodes the image, jsQR reads the code).
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

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
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- an Error whose type lost its base in an Omit
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

/** The text of the QR code in a PNG image, or undefined when there is none to read. */
export function readQrCode(png: Buffer): string | undefined {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
}
