import type { z } from 'zod';
import type { Actor } from '../../domain/dossier/types';
import { status } from '../../domain/status';
import { insertRating } from '../../platform/database/repositories/ratings';
import { ACCESS_CODE_HEADER, ACCESS_CODE_NOTE } from '../access-code';
import { audited, findDossier } from '../dossier-access';
import { conflict } from '../errors';
import { receiveDossier } from '../reception';
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
import { publicLink, publicView, vnTime } from '../views';

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
      'Each client address and each receiving desk has a daily quota of submissions: past it, 429 ' +
      'RATE_LIMITED until the next day (Vietnam time).',
    access: 'public',
    body: SubmissionBody,
    idempotent: true,
    errors: [404],
    success: { status: 202, description: 'Submitted; waiting for acceptance', schema: SubmissionSchema },
    async handle({ body, memory, req }) {
      const procedure = s.procedure(body.procedureCode);
      await s.submissionQuota.admit(s.db, req.ip ?? '', procedure.receivingAgency);
      const at = s.now();
      const { code, accessCode, state } = await receiveDossier(
        s,
        {
          procedure,
          channel: 'online',
          applicant: body.applicant,
          documents: body.documents,
          at,
        },
        memory,
      );
      const submitted: z.infer<typeof SubmissionSchema> = {
        code,
        accessCode,
        status: status(state?.status ?? 'submitted'),
        submittedAt: vnTime(at),
        acceptBy: state?.acceptBy ? vnTime(state.acceptBy) : null,
        links: { tracking: publicLink(s.baseUrl, code) },
      };
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
      return { status: 200, body: publicView(await findDossier(s, params.code), s.baseUrl) };
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
      const row = await s.accessCodes.admit(s.db, params.code, req.get(ACCESS_CODE_HEADER));
      const citizen: Pick<Actor, 'username' | 'role' | 'agencyCode'> = {
        username: 'citizen',
        role: 'system',
        agencyCode: '',
      };
      const rating = await audited(s, row, citizen, 'rate', async () => {
        if (row.statusKey !== 'returned') {
          throw conflict('INVALID_TRANSITION', 'Chỉ đánh giá được sau khi đã nhận kết quả');
        }
        const stored = await insertRating(s.db, {
          dossierCode: row.code,
          scores: body.scores,
          comment: body.comment,
        });
        if (!stored) throw conflict('ALREADY_RATED', 'Hồ sơ này đã được đánh giá');
        return stored;
      });
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
