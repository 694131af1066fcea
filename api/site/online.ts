import express, { type Request, type RequestHandler, type Response } from 'express';
import type { z } from 'zod';
import type { SubmittedDocument } from '../../domain/dossier/types';
import type { Procedure } from '../../domain/procedure';
import { findDossier } from '../../platform/database/repositories/dossiers';
import { supplementOnline } from '../endpoints/actions';
import { ApiError, needsOperator, toApiError } from '../errors';
import { submitOnline } from '../online';
import { SubmissionBody } from '../schemas';
import type { Services } from '../services';
import { MB } from '../../platform/documents';
import { readMultipart, receiveMultipart, typeFiles, type UploadedFile } from '../uploads';
import { procedurePage, trackingPath } from './models';
import { notFoundPage, page, requestedDocuments } from './render';
import { pageSecurity, procedureOrNull } from './routes';

/** What the citizen typed, given back with the form when it is refused (never the files). */
interface Entered {
  fullName?: string;
  idNumber?: string;
  phone?: string;
  email?: string;
  address?: string;
}

const FIELD_LABEL: Record<string, string> = {
  fullName: 'Họ và tên',
  idNumber: 'Số CCCD hoặc hộ chiếu',
  phone: 'Số điện thoại',
  email: 'Thư điện tử',
  address: 'Địa chỉ',
};

export function submissionPath(procedureCode: string): string {
  return `/nop-truc-tuyen/${encodeURIComponent(procedureCode)}`;
}

export function supplementPath(code: string): string {
  return `/bo-sung/${encodeURIComponent(code)}`;
}

/**
 * The citizen's online forms: submitting a dossier with its files, and sending the documents asked for
 * with the access code. Both post multipart forms (no script) and call the services of the JSON
 * endpoints, `submitOnline` and `supplementOnline`: the same rules, checks and limits.
 */
export function onlineForms(s: Services, limiter: RequestHandler): express.Router {
  const site = express.Router();
  site.use(pageSecurity);

  site.get('/nop-truc-tuyen/:procedure', (req: Request<{ procedure: string }>, res) => {
    const procedure = procedureOrNull(s, req.params.procedure);
    if (!procedure) return notFoundPage(res, `Không tìm thấy thủ tục có mã “${req.params.procedure}”.`);
    submissionForm(res, s, procedure, 200, {}, []);
  });

  site.post('/nop-truc-tuyen/:procedure', limiter, async (req: Request<{ procedure: string }>, res) => {
    const procedure = procedureOrNull(s, req.params.procedure);
    if (!procedure) return notFoundPage(res, `Không tìm thấy thủ tục có mã “${req.params.procedure}”.`);
    let entered: Entered = {};
    try {
      const received = await receiveMultipart(req, s.documents.limits, procedure.documents.length);
      const { fields } = received;
      entered = Object.fromEntries(
        Object.keys(FIELD_LABEL).map((k) => [k, fields.get(k)?.trim() || undefined]),
      );
      // Typed once the fields are kept, so that a refused file gives the form back as it was filled.
      const files = await typeFiles(received.files);
      // Required documents always; an optional one when its file came.
      const chosen = procedure.documents
        .map((d, index) => ({ d, index, file: files.find((f) => f.field === `documents[${index}]`) }))
        .filter(({ d, file }) => d.required || file);
      const parsed = SubmissionBody.safeParse({
        procedureCode: procedure.code,
        applicant: entered,
        documents: chosen.map(({ d }): SubmittedDocument => ({
          name: d.name,
          form: d.form,
          quantity: d.quantity,
        })),
      });
      const problems = parsed.success ? [] : parsed.error.issues.map((issue) => problemOf(issue));
      if (fields.get('consent') !== 'yes') problems.push('Xin đánh dấu ô đồng ý để gửi hồ sơ.');
      if (!parsed.success || problems.length)
        return submissionForm(res, s, procedure, 400, entered, problems);
      const renumbered = chosen.flatMap(({ file }, position): UploadedFile[] =>
        file ? [{ ...file, field: `documents[${position}]` }] : [],
      );
      const submitted = await submitOnline(s, parsed.data, renumbered, req.ip ?? '');
      page(res, 201, 'submitted', {
        title: 'Đã nộp hồ sơ',
        submitted,
        procedure: procedure.name,
        trackingHref: trackingPath(submitted.code),
      });
    } catch (err) {
      const error = refusal(err, req);
      submissionForm(res, s, procedure, error.status, entered, [error.message]);
    }
  });

  site.get('/bo-sung/:code', async (req: Request<{ code: string }>, res) => {
    const form = await supplementModel(s, req.params.code);
    if (!form) return notFoundPage(res, `Hồ sơ “${req.params.code}” không có yêu cầu bổ sung trực tuyến.`);
    page(res, 200, 'supplement', { title: `Bổ sung hồ sơ ${form.code}`, form, problems: [] });
  });

  site.post('/bo-sung/:code', limiter, async (req: Request<{ code: string }>, res) => {
    const form = await supplementModel(s, req.params.code);
    if (!form) return notFoundPage(res, `Hồ sơ “${req.params.code}” không có yêu cầu bổ sung trực tuyến.`);
    try {
      const { fields, files } = await readMultipart(req, s.documents.limits, form.documents.length);
      const documents = form.documents.map((name): SubmittedDocument => ({ name, form: 'copy' }));
      await supplementOnline(s, form.code, fields.get('accessCode'), { documents }, files, undefined);
      res.redirect(303, trackingPath(form.code));
    } catch (err) {
      const error = refusal(err, req);
      const message =
        error.code === 'ACCESS_DENIED'
          ? 'Mã truy cập không đúng. Xin xem lại Giấy tiếp nhận hồ sơ.'
          : error.message;
      page(res, error.status, 'supplement', {
        title: `Bổ sung hồ sơ ${form.code}`,
        form,
        problems: [message],
      });
    }
  });

  return site;
}

function submissionForm(
  res: Response,
  s: Services,
  procedure: Procedure,
  status: number,
  entered: Entered,
  problems: string[],
): void {
  const view = procedurePage(s, procedure);
  page(res, status, 'submit', {
    title: `Nộp hồ sơ trực tuyến: ${view.name}`,
    procedure: view,
    action: submissionPath(procedure.code),
    entered,
    problems,
    limits: `${s.documents.limits.fileBytes / MB} MB`,
  });
}

/** The online dossier waiting for the documents asked for, or null: nothing else has this form. */
async function supplementModel(s: Services, code: string) {
  const row = await findDossier(s.db, code);
  if (!row || row.channel !== 'online' || row.statusKey !== 'awaiting_supplement') return null;
  return {
    code: row.code,
    procedure: row.procedureName,
    documents: await requestedDocuments(s, row.code),
    action: supplementPath(row.code),
  };
}

function problemOf(issue: z.core.$ZodIssue): string {
  const field = issue.path[issue.path.length - 1];
  const label = typeof field === 'string' ? FIELD_LABEL[field] : undefined;
  if (label) return `${label}: chưa hợp lệ.`;
  if (issue.path.includes('applicant')) return 'Cần số điện thoại hoặc thư điện tử để nhận thông báo.';
  return 'Thông tin gửi lên chưa hợp lệ.';
}

/** The contract's error, as the citizen reads it on the page; ours are logged as the API logs them. */
function refusal(err: unknown, req: Request<Record<string, string>>): ApiError {
  const error = toApiError(err);
  if (needsOperator(error)) req.log.error({ err }, 'page request failed');
  if (error.status >= 500)
    return new ApiError(error.status, error.code, 'Hệ thống đang bận, xin thử lại sau.');
  return error;
}
