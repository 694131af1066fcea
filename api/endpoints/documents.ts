import { z } from 'zod';
import type { SubmittedDocument } from '../../domain/dossier/types';
import { currentDossierFiles } from '../../platform/database/repositories/dossier-files';
import { attachToDossier } from '../documents';
import { audited, findDossier, visibleDossier } from '../dossier-access';
import { forbidden, notFound, validationFailed } from '../errors';
import type { RouteTable } from '../route-table';
import { DossierCodeParams, DossierFileSchema } from '../schemas';
import type { Services } from '../services';
import { fileView } from '../views';

const ComponentParams = DossierCodeParams.extend({
  position: z.coerce
    .number()
    .int()
    .min(0)
    .max(999)
    .openapi({ param: { description: 'The component’s place in the dossier’s document list, from 0' } }),
});

/** The files of dossier components: the receiving desk attaches scans, staff who see the dossier download. */
export function documentRoutes(table: RouteTable, s: Services): void {
  table.add({
    method: 'post',
    path: '/dossiers/:code/documents/:position/file',
    tag: 'Documents',
    summary: 'Attach the scan of a component at the counter (digitisation); replaces its earlier file',
    description:
      'multipart/form-data with the file in the field `file`: PDF, JPEG or PNG by content, within the per-file ' +
      'and per-dossier limits (413 FILE_TOO_LARGE or DOSSIER_FILES_TOO_LARGE, 415 UNSUPPORTED_FILE_TYPE). ' +
      'Receivers of the receiving desk only.',
    access: ['receiver'],
    params: ComponentParams,
    files: { maxFiles: 1, description: 'The scan in the field `file`' },
    errors: [403, 404],
    success: { status: 201, description: 'The component’s file', schema: DossierFileSchema },
    async handle({ params, files, user }) {
      const row = await findDossier(s, params.code);
      await audited(s, row, user, 'attachFile', async () => {
        if (user.agencyCode !== row.receivingAgencyCode)
          throw forbidden(`Hồ sơ do ${row.receivingAgencyCode} tiếp nhận`);
      });
      const documents = row.documents as unknown as SubmittedDocument[];
      if (params.position >= documents.length)
        throw notFound(`thành phần số ${params.position} của hồ sơ ${row.code}`);
      const file = files.find((f) => f.field === 'file');
      if (!file) throw validationFailed([{ path: 'file', message: 'a PDF, JPEG or PNG file is required' }]);
      const current = await attachToDossier(s, row, [{ position: params.position, file }], user.username);
      return { status: 201, body: fileView(current.get(params.position)!, s.baseUrl) };
    },
  });

  table.add({
    method: 'get',
    path: '/dossiers/:code/documents/:position/file',
    tag: 'Documents',
    summary: 'Download the current file of a component, as it was attached',
    description: 'For the staff who may see the dossier. `ETag` is the SHA-256 of the bytes.',
    access: 'user',
    params: ComponentParams,
    errors: [403, 404],
    success: {
      status: 200,
      description: 'The bytes, in their type (PDF, JPEG or PNG)',
      schema: z.string(),
      contentType: 'application/octet-stream',
    },
    async handle({ params, user }) {
      const row = await visibleDossier(s, user, params.code);
      const file = (await currentDossierFiles(s.db, row.code)).get(params.position);
      const bytes = file && (await s.documents.store.get(file.sha256));
      if (!file || !bytes) throw notFound(`tệp của thành phần số ${params.position} của hồ sơ ${row.code}`);
      const name = encodeURIComponent(file.fileName ?? `${row.code}-${params.position}`);
      return {
        status: 200,
        body: bytes,
        headers: {
          'content-type': file.mediaType,
          'content-disposition': `attachment; filename*=UTF-8''${name}`,
          etag: `"${file.sha256}"`,
          'cache-control': 'private, no-store',
        },
      };
    },
  });
}
