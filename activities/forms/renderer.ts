import type { Db } from '../../platform/database/client';
import { findDossier } from '../../platform/database/repositories/dossiers';
import { FormNotAvailableError, loadFormData, loadTrackingBookData } from './load';
import { renderForm } from './render';
import type { DossierFormKind } from './schemas';

export interface FormRenderer {
  /**
   * The form as PDF, or undefined when the dossier has no such form (no apology before any delay). The
   * receipt printed at reception carries the citizen's access code, which the caller checked.
   */
  dossierForm(code: string, kind: DossierFormKind, accessCode?: string): Promise<Buffer | undefined>;
  trackingBook(query: { agencyCode: string; from: Date; to: Date }): Promise<Buffer>;
}

/** Official forms built from the read model, for the API to serve. */
export function createFormRenderer(deps: { db: Db; publicBaseUrl: string }): FormRenderer {
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
      return renderForm(
        'tracking-book',
        await loadTrackingBookData(deps.db, { ...query, publicBaseUrl: deps.publicBaseUrl }),
      );
    },
  };
}
