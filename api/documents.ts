import type { DossierRecord as DossierRow } from '../platform/database/repositories/dossiers';
import {
  currentDossierFiles,
  insertDossierFiles,
  type DossierFileRecord,
} from '../platform/database/repositories/dossier-files';
import { validationFailed } from './errors';
import type { Services } from './services';
import { dossierFilesTooLarge, type UploadedFile } from './uploads';

/** A file meant for one component of a dossier: its position in the dossier's document list. */
export interface Attachment {
  position: number;
  file: UploadedFile;
}

/** The bytes of the attachments, safe in the document store, with their hashes; nothing recorded yet. */
export interface StoredAttachment extends Attachment {
  sha256: string;
}

const DOCUMENT_FIELD = /^documents\[(\d{1,3})\]$/;

/**
 * The files of a submission or a supplement: each in the field `documents[i]`, for the i-th document of
 * the list sent with it, at most one per document. Positions are answered relative to that list.
 */
export function attachmentsOf(files: UploadedFile[], documentCount: number): Attachment[] {
  const seen = new Set<number>();
  return files.map((file) => {
    const match = DOCUMENT_FIELD.exec(file.field);
    const position = match ? Number(match[1]) : -1;
    if (position < 0 || position >= documentCount || seen.has(position)) {
      throw validationFailed([
        {
          path: file.field,
          message: `a file goes in the field documents[i], once for each of the ${documentCount} documents listed`,
        },
      ]);
    }
    seen.add(position);
    return { position, file };
  });
}

/**
 * Puts the bytes into the document store before anything names them: a failure here leaves no dossier,
 * no supplement and no read-model row, at most bytes that nothing refers to (content-addressed, so a
 * retry reuses them).
 */
export async function storeAttachments(s: Services, attachments: Attachment[]): Promise<StoredAttachment[]> {
  const stored: StoredAttachment[] = [];
  for (const attachment of attachments) {
    const { sha256 } = await s.documents.store.put(attachment.file.bytes);
    stored.push({ ...attachment, sha256 });
  }
  return stored;
}

/** Records stored files as the current files of their components, all in one transaction. */
export async function recordAttachments(
  s: Services,
  dossierCode: string,
  stored: StoredAttachment[],
  attachedBy: string,
): Promise<void> {
  await insertDossierFiles(
    s.db,
    stored.map(({ position, file, sha256 }) => ({
      dossierCode,
      position,
      sha256,
      size: file.bytes.length,
      mediaType: file.mediaType,
      fileName: file.fileName,
      attachedBy,
    })),
  );
}

/**
 * Refuses files that would take an existing dossier past its limit: its current files together with
 * these, which replace the current files of their positions.
 */
export async function expectWithinDossierLimit(
  s: Services,
  dossierCode: string,
  attachments: Attachment[],
): Promise<void> {
  const replaced = new Set(attachments.map((a) => a.position));
  let total = attachments.reduce((sum, a) => sum + a.file.bytes.length, 0);
  for (const file of (await currentDossierFiles(s.db, dossierCode)).values()) {
    if (!replaced.has(file.position)) total += file.size;
  }
  if (total > s.documents.limits.dossierBytes) throw dossierFilesTooLarge(s.documents.limits);
}

/** Files for components of an existing dossier: within its limit, stored, then recorded. */
export async function attachToDossier(
  s: Services,
  row: DossierRow,
  attachments: Attachment[],
  attachedBy: string,
): Promise<Map<number, DossierFileRecord>> {
  await expectWithinDossierLimit(s, row.code, attachments);
  await recordAttachments(s, row.code, await storeAttachments(s, attachments), attachedBy);
  return currentDossierFiles(s.db, row.code);
}
