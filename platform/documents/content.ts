import { fromBuffer } from 'file-type';

/** The file types a dossier component may be: scans as PDF, photos as JPEG or PNG. */
export const DOCUMENT_MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type DocumentMediaType = (typeof DOCUMENT_MEDIA_TYPES)[number];

/** Per file and per dossier, in bytes (settings MOTCUA_DOCUMENT_MAX_MB, MOTCUA_DOSSIER_DOCUMENTS_MAX_MB). */
export interface DocumentLimits {
  fileBytes: number;
  dossierBytes: number;
}

export const MB = 1024 * 1024;
/** A scanned page at 300 dpi is well under 1 MB; ten of them in one file, fifty MB for a whole dossier. */
export const DEFAULT_DOCUMENT_LIMITS: DocumentLimits = { fileBytes: 10 * MB, dossierBytes: 50 * MB };

/**
 * The type of a file by its content (its magic bytes), never by its name or the type the client claims:
 * a text renamed `.pdf` answers undefined.
 */
export async function documentMediaType(bytes: Buffer): Promise<DocumentMediaType | undefined> {
  const detected = await fromBuffer(bytes);
  return DOCUMENT_MEDIA_TYPES.find((type) => type === detected?.mime);
}
