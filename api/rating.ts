import type { z } from 'zod';
import type { Actor } from '../domain/dossier/types';
import { insertRating, type RatingRecord } from '../platform/database/repositories/ratings';
import { audited } from './dossier-access';
import { conflict } from './errors';
import type { RatingBody } from './schemas';
import type { Services } from './services';

const CITIZEN: Pick<Actor, 'username' | 'role' | 'agencyCode'> = {
  username: 'citizen',
  role: 'system',
  agencyCode: '',
};

/**
 * The citizen's rating of a returned dossier (Decree 118 Art. 33), once, admitted by the access code:
 * the JSON endpoint and the rating page both call this, so the rules live in one place.
 */
export async function rateDossier(
  s: Services,
  code: string,
  accessCode: string | undefined,
  rating: z.output<typeof RatingBody>,
): Promise<RatingRecord> {
  const row = await s.accessCodes.admit(s.db, code, accessCode);
  return audited(s, row, CITIZEN, 'rate', async () => {
    if (row.statusKey !== 'returned') {
      throw conflict('INVALID_TRANSITION', 'Chỉ đánh giá được sau khi đã nhận kết quả');
    }
    const stored = await insertRating(s.db, {
      dossierCode: row.code,
      scores: rating.scores,
      comment: rating.comment,
    });
    if (!stored) throw conflict('ALREADY_RATED', 'Hồ sơ này đã được đánh giá');
    return stored;
  });
}
