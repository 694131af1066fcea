/**
 * Child process for support.readPdf: reads a PDF on stdin and prints what pdf-parse finds in it as
 * JSON. pdf.js starts its worker with a dynamic import(), which jest's CommonJS sandbox refuses, so
 * the parsing runs in a plain Node process.
 */
import { PDFParse } from 'pdf-parse';

async function main(): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
  try {
    const text = await parser.getText();
    const info = await parser.getInfo({ parsePageInfo: true });
    const images = await parser.getImage({ imageBuffer: true });
    process.stdout.write(
      JSON.stringify({
        text: text.text,
        pages: info.pages.map((p) => ({ width: p.width, height: p.height, links: p.links })),
        images: images.pages.flatMap((p) =>
          p.images.map((i) => ({
            width: i.width,
            height: i.height,
            png: Buffer.from(i.data).toString('base64'),
          })),
        ),
      }),
    );
  } finally {
    await parser.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
