import path from 'node:path';
import type { Config } from '../config/config';
import { MB, type DocumentLimits } from './content';
import { fileLinks, type FileLinks } from './file-links';
import { localDocumentStore } from './local-store';
import { s3DocumentStore } from './s3-store';
import type { DocumentStore } from './store';

export * from './content';
export * from './store';
export { fileLinks, FILE_LINK_PATH, type FileLinks } from './file-links';
export { localDocumentStore } from './local-store';
export { s3DocumentStore, type S3StoreOptions } from './s3-store';

/** The store the configuration names: a folder under MOTCUA_DATA_DIR, or an S3-compatible bucket. */
export function documentStoreFromConfig(config: Config): DocumentStore {
  if (config.MOTCUA_DOCUMENT_STORE === 's3') {
    return s3DocumentStore({
      bucket: config.MOTCUA_S3_BUCKET!,
      endpoint: config.MOTCUA_S3_ENDPOINT,
      region: config.MOTCUA_S3_REGION,
      forcePathStyle: config.MOTCUA_S3_FORCE_PATH_STYLE,
    });
  }
  return localDocumentStore(path.resolve(config.MOTCUA_DATA_DIR, 'documents'));
}

export function documentLimitsFromConfig(config: Config): DocumentLimits {
  return {
    fileBytes: config.MOTCUA_DOCUMENT_MAX_MB * MB,
    dossierBytes: config.MOTCUA_DOSSIER_DOCUMENTS_MAX_MB * MB,
  };
}

/** Signed links under the public base URL's API, when a secret is configured. */
export function fileLinksFromConfig(config: Config): FileLinks | undefined {
  if (!config.MOTCUA_PORTAL_FILE_SECRET) return undefined;
  return fileLinks(
    config.MOTCUA_PORTAL_FILE_SECRET,
    `${config.MOTCUA_PUBLIC_BASE_URL.replace(/\/+$/, '')}/api/v1`,
    config.MOTCUA_PORTAL_FILE_LINK_HOURS,
  );
}
