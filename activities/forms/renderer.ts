import path from 'node:path';
import { Piscina } from 'piscina';
import type { Db } from '../../platform/database/client';
import { findDossier } from '../../platform/database/repositories/dossiers';
import { FormNotAvailableError, loadFormData, loadTrackingBookData } from './load';
import { renderForm } from './render';
import type { DossierFormKind, FormInput } from './schemas';

export interface FormRenderer {
  /**
   * The form as PDF, or undefined when the dossier has no such form (no apology before any delay). The
   * receipt printed at reception carries the citizen's access code, which the caller checked.
   */
  dossierForm(code: string, kind: DossierFormKind, accessCode?: string): Promise<Buffer | undefined>;
  trackingBook(query: { agencyCode: string; from: Date; to: Date }): Promise<Buffer>;
  /** Ends the threads that lay out tracking books. */
  close(): Promise<void>;
}

/** What a book-laying thread is given (see render-thread.js). */
export interface BookTask {
  kind: 'tracking-book';
  data: FormInput<'tracking-book'>;
}

/**
 * A month's tracking book is thousands of rows: laid out on the event loop it would hold every other
 * request for seconds, so it is laid out in a worker thread. One thread at most (the API shares its
 * cores), started on the first book and ended after a minute without one.
 */
export function bookThreads(): { render(task: BookTask): Promise<Buffer>; close(): Promise<void> } {
  const pool = new Piscina<BookTask, Uint8Array>({
    filename: path.join(__dirname, 'render-thread.js'),
    // A thread starts bare, whatever ran the API (tsx or jest): tsx's hook lets it require TypeScript.
    execArgv: ['--require', require.resolve('tsx/cjs')],
    minThreads: 0,
    maxThreads: 1,
    idleTimeout: 60_000,
  });
  return {
    async render(task) {
      const pdf = await pool.run(task);
      // The thread's Buffer arrives as a plain Uint8Array over the same memory.
      return Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    },
    close: () => pool.destroy(),
  };
}

/** Official forms built from the read model, for the API to serve. */
export function createFormRenderer(deps: { db: Db; publicBaseUrl: string }): FormRenderer {
  const books = bookThreads();
  return {
    async dossierForm(code, kind, accessCode) {
      // A clerk asking for the apology of a dossier that is neither late nor extended gets none, not a
      // letter apologising for nothing; notify builds its letters at the moment of the delay itself.
      if (kind === 'apology') {
        const row = await findDossier(deps.db, code);
        if (!row || (!row.overdue && row.extensionCount === 0)) return undefined;
      }
      try {
        return await renderForm(
          kind,
          await loadFormData(deps.db, code, kind, {
            publicBaseUrl: deps.publicBaseUrl,
            overrides: kind === 'receipt' && accessCode ? { accessCode } : undefined,
          }),
        );
      } catch (err) {
        if (err instanceof FormNotAvailableError) return undefined;
        throw err;
      }
    },
    async trackingBook(query) {
      const data = await loadTrackingBookData(deps.db, { ...query, publicBaseUrl: deps.publicBaseUrl });
      return books.render({ kind: 'tracking-book', data });
    },
    close: () => books.close(),
  };
}
