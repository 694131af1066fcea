import type { z } from 'zod';
import { currentDossierFiles } from '../../platform/database/repositories/dossier-files';
import { ACCESS_CODE_HEADER, ACCESS_CODE_NOTE } from '../access-code';
import { findDossier } from '../dossier-access';
import { FILES_BY_DOCUMENT, FILES_NOTE, submitOnline } from '../online';
import { rateDossier } from '../rating';
import type { RouteTable } from '../route-table';
import {
  DossierCodeParams,
  PublicDossierSchema,
  RatingBody,
  RatingSchema,
  SubmissionBody,
  SubmissionSchema,
} from '../schemas';
import type { Services } from '../services';
import { publicDossier, vnTime } from '../views';

/** Everything a citizen reaches without an account; rate limited per client by the app. */
export function publicRoutes(table: RouteTable, s: Services): void {
  table.add({
    method: 'post',
    path: '/public/submissions',
    tag: 'Public',
    summary: 'Submit a dossier online',
    description:
      'The dossier waits for the receiving desk (status 1), which accepts it or asks for completion within 8 ' +
      'working hours (`acceptBy`). The applicant gives a phone number or an e-mail address to be told. ' +
      FILES_NOTE +
      ' Each client address and each receiving desk has a daily quota of submissions: past it, 429 ' +
      'RATE_LIMITED until the next day (Vietnam time).',
    access: 'public',
    body: SubmissionBody,
    files: FILES_BY_DOCUMENT,
    idempotent: true,
    errors: [404],
    success: { status: 202, description: 'Submitted; waiting for acceptance', schema: SubmissionSchema },
    async handle({ body, files, memory, req }) {
      const submitted = await submitOnline(s, body, files, req.ip ?? '', memory);
      return { status: 202, body: submitted, headers: { Location: submitted.links.tracking } };
    },
  });

  table.add({
    method: 'get',
    path: '/public/dossiers/:code',
    tag: 'Public',
    summary: 'Track a dossier: procedure, status, dates and steps, without personal data',
    access: 'public',
    params: DossierCodeParams,
    errors: [404],
    success: { status: 200, description: 'The tracking view', schema: PublicDossierSchema },
    async handle({ params }) {
      const row = await findDossier(s, params.code);
      return { status: 200, body: publicDossier(row, s.baseUrl, await currentDossierFiles(s.db, row.code)) };
    },
  });

  table.add({
    method: 'post',
    path: '/public/dossiers/:code/rating',
    tag: 'Public',
    summary: 'Rate the handling of a returned dossier, once (Decree 118 Art. 33)',
    description:
      'Each item 1 to 5, any may be left out. Before the result is returned: 409 INVALID_TRANSITION.' +
      ACCESS_CODE_NOTE,
    access: 'public',
    params: DossierCodeParams,
    body: RatingBody,
    idempotent: true,
    errors: [403],
    conflicts: ['ALREADY_RATED', 'INVALID_TRANSITION'],
    success: { status: 201, description: 'Recorded', schema: RatingSchema },
    async handle({ params, body, req }) {
      const rating = await rateDossier(s, params.code, req.get(ACCESS_CODE_HEADER), body);
      const rated: z.infer<typeof RatingSchema> = {
        code: rating.dossierCode,
        ratedAt: vnTime(rating.createdAt),
        scores: rating.scores,
        comment: rating.comment,
      };
      return { status: 201, body: rated };
    },
  });
}
