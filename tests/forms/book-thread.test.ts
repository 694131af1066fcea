import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { bookThreads } from '../../activities/forms/renderer';
import { SAMPLES } from './fixtures';

/** Finding 7: a month's tracking book must not hold the event loop while it is laid out. */
const threads = bookThreads();
const server = http.createServer((_req, res) => res.end('ok'));
beforeAll(() => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)));
afterAll(async () => {
  await threads.close();
  await new Promise((resolve) => server.close(resolve));
});

const sample = SAMPLES['tracking-book'];
const book = (rows: number) => ({
  kind: 'tracking-book' as const,
  data: { ...sample, rows: Array.from({ length: rows }, (_, i) => sample.rows[i % sample.rows.length]) },
});

test('a request that arrives while a large tracking book is laid out is answered before the book is done', async () => {
  // The thread's start (tsx, pdfkit, fonts) is paid once, before the book under test.
  await threads.render(book(1));
  const order: string[] = [];
  const rendering = threads.render(book(3_000)).then((pdf) => {
    order.push('book');
    return pdf;
  });
  const { port } = server.address() as AddressInfo;
  const answer = await fetch(`http://127.0.0.1:${port}/`).then((res) => res.text());
  order.push('other request');
  const pdf = await rendering;
  expect(answer).toBe('ok');
  expect(order).toEqual(['other request', 'book']);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
});
