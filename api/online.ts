import type { z } from 'zod';
import { status } from '../domain/status';
import { recordAttachments, storeAttachments, attachmentsOf } from './documents';
import type { AttemptMemory } from './idempotency';
import { receiveDossier } from './reception';
import type { SubmissionBody, SubmissionSchema } from './schemas';
import type { Services } from './services';
import type { UploadedFile } from './uploads';
import { publicLink, vnTime } from './views';

export const FILES_NOTE =
  'Files come with a multipart/form-data request: the JSON body as the text of the field `payload`, the ' +
  'file of the i-th document in the field `documents[i]`; PDF, JPEG or PNG by content, within the per-file and ' +
  'per-dossier limits (413 FILE_TOO_LARGE or DOSSIER_FILES_TOO_LARGE, 415 UNSUPPORTED_FILE_TYPE).';
export const FILES_BY_DOCUMENT = {
  maxFiles: 100,
  description: 'The JSON body in `payload`; the file of the i-th document in `documents[i]`',
};

export type Submitted = z.infer<typeof SubmissionSchema>;

/**
 * A citizen's online submission, from the JSON endpoint and from the submission page alike: the files
 * (field `documents[i]` for the i-th document) are stored before the dossier exists, and recorded once it
 * does, so a refused file leaves no dossier and a failed reception leaves no file row.
 */
export async function submitOnline(
  s: Services,
  body: z.output<typeof SubmissionBody>,
  files: UploadedFile[],
  /** The client's address, for the day's quota of anonymous submissions (api/submission-quota.ts). */
  client: string,
  memory?: AttemptMemory,
): Promise<Submitted> {
  const procedure = s.procedure(body.procedureCode);
  await s.submissionQuota.admit(s.db, client, procedure.receivingAgency);
  const stored = await storeAttachments(s, attachmentsOf(files, body.documents.length));
  const at = s.now();
  const { code, accessCode, state } = await receiveDossier(
    s,
    { procedure, channel: 'online', applicant: body.applicant, documents: body.documents, at },
    memory,
  );
  await recordAttachments(s, code, stored, 'citizen');
  return {
    code,
    accessCode,
    status: status(state?.status ?? 'submitted'),
    submittedAt: vnTime(at),
    acceptBy: state?.acceptBy ? vnTime(state.acceptBy) : null,
    links: { tracking: publicLink(s.baseUrl, code) },
  };
}
