import { z } from 'zod';
import { FORM_KINDS, type FormRenderer } from '../../activities/forms';
import { vietnamDayEnd, vietnamDayStart } from '../../domain/calendar/time';
import { ACCESS_CODE_HEADER, normaliseAccessCode } from '../access-code';
import { visibleDossier } from '../dossier-access';
import { forbidden, notFound } from '../errors';
import type { RouteTable } from '../route-table';
import { DossierCodeParams } from '../schemas';
import type { Services } from '../services';

const FormParams = DossierCodeParams.extend({
  form: z
    .enum(FORM_KINDS)
    .exclude(['tracking-book'])
    .openapi({ param: { description: 'Which form' } }),
});

const IsoDate = z.iso.date();
const TrackingBookQuery = z
  .object({
    from: IsoDate.openapi({ example: '2026-11-01' }),
    to: IsoDate.openapi({ example: '2026-11-30' }),
    agency: z
      .string()
      .regex(/^[a-z0-9-]{1,50}$/)
      .optional()
      .openapi({ description: 'The one-stop desk; default: the caller’s own' }),
  })
  .refine((q) => q.from <= q.to, { path: ['to'], error: 'to must not be before from' })
  // One book is one month at most: a longer one is a report, and would hold the server for its whole period.
  // Zod runs refinements on an object whose fields failed too: a `from` that is no date is reported there.
  .refine((q) => !IsoDate.safeParse(q.from).success || q.to < oneMonthAfter(q.from), {
    path: ['to'],
    error: 'at most one month from from',
  });

/** The same day of the next month (an ISO date), so that from..to never covers more than a month. */
function oneMonthAfter(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCMonth(next.getUTCMonth() + 1);
  return next.toISOString().slice(0, 10);
}

const PDF = {
  status: 200,
  description: 'The form as PDF (A5; the tracking book A4)',
  contentType: 'application/pdf',
};

const pdf = (body: Buffer, filename: string) => ({
  status: 200,
  body,
  headers: { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="${filename}.pdf"` },
});

export function formRoutes(table: RouteTable, s: Services, forms: FormRenderer): void {
  table.add({
    method: 'get',
    path: '/dossiers/:code/forms/:form',
    tag: 'Forms',
    summary: 'An official form of the dossier, printed as PDF with its QR tracking code',
    description:
      'The receipt printed at reception also carries the citizen’s access code, in print and in its QR ' +
      'code, when the clerk passes the `accessCode` that reception answered in the header `X-Access-Code`; ' +
      'the server keeps only its hash, so a reprint without it has neither. A wrong code is 403 ACCESS_DENIED.',
    access: 'user',
    params: FormParams,
    errors: [403, 404],
    success: { ...PDF, schema: z.string() },
    async handle({ params, user, req }) {
      await visibleDossier(s, user, params.code);
      const given = params.form === 'receipt' ? req.get(ACCESS_CODE_HEADER) : undefined;
      if (given !== undefined) await s.accessCodes.admit(s.db, params.code, given);
      const accessCode = given === undefined ? undefined : normaliseAccessCode(given);
      const body = await forms.dossierForm(params.code, params.form, accessCode);
      if (!body) throw notFound(`phiếu ${params.form} của hồ sơ ${params.code}`);
      return pdf(body, `${params.code}-${params.form}`);
    },
  });

  table.add({
    method: 'get',
    path: '/forms/tracking-book',
    tag: 'Forms',
    summary: 'The tracking book (Sổ theo dõi hồ sơ) of a one-stop desk for a period, as PDF',
    access: ['receiver', 'leader', 'admin'],
    query: TrackingBookQuery,
    errors: [403, 404],
    success: { ...PDF, schema: z.string() },
    async handle({ query, user }) {
      const agencyCode = query.agency ?? user.agencyCode;
      if (user.role !== 'admin' && agencyCode !== user.agencyCode) {
        throw forbidden(`Sổ theo dõi của ${agencyCode} không thuộc đơn vị ${user.agencyCode}`);
      }
      if (!s.agency(agencyCode)) throw notFound(`đơn vị ${agencyCode}`);
      const body = await forms.trackingBook({
        agencyCode,
        from: vietnamDayStart(query.from),
        to: vietnamDayEnd(query.to),
      });
      return pdf(body, `so-theo-doi-${agencyCode}-${query.from}-${query.to}`);
    },
  });
}
