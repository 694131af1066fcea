import { createHash, randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/common';
import type { z } from 'zod';
import { WorkingCalendar } from '../../domain/calendar';
import type { FeedbackCommandName, FeedbackPayloads } from '../../domain/feedback/commands';
import { CITIZEN, FEEDBACK_ACTION_ROLES, startFeedback } from '../../domain/feedback/machine';
import { prepareFeedback } from '../../domain/feedback/start';
import type { FeedbackActor } from '../../domain/feedback/types';
import type { FeedbackChannel } from '../../domain/feedback/vocabulary';
import type { UserRole } from '../../domain/vocabulary';
import { nextFeedbackCode } from '../../platform/database/dossier-codes';
import {
  deleteFeedback,
  feedbackEvents,
  feedbackPage,
  feedbackProjectionVersion,
  findFeedback,
  insertFeedback,
  publishedFeedbackPage,
  storeFeedbackRatingComment,
  storeFeedbackSupplement,
  type FeedbackEventRecord,
  type FeedbackRecord,
} from '../../platform/database/repositories/feedback';
import { ACCESS_CODE_HEADER, ACCESS_CODE_NOTE, hashAccessCode, newAccessCode } from '../access-code';
import type { User } from '../auth';
import { conflict, forbidden, notFound, toApiError } from '../errors';
import type { AttemptMemory } from '../idempotency';
import { pageReply, pageWindow } from '../pages';
import type { RouteTable } from '../route-table';
import {
  FeedbackActionBodies,
  FeedbackCodeParams,
  FeedbackCreatedSchema,
  FeedbackItemSchema,
  FeedbackPageSchema,
  FeedbackRatingBody,
  FeedbackSchema,
  FeedbackSupplementBody,
  FeedbackWorklistQuery,
  PageQuery,
  PublicFeedbackBody,
  PublicFeedbackSchema,
  PublishedFeedbackPageSchema,
  StaffFeedbackBody,
} from '../schemas';
import { readModelCaughtUp } from '../read-model-wait';
import type { Services } from '../services';
import { vnTime } from '../views';

type Body = z.infer<typeof PublicFeedbackBody>;
type FeedbackStatus = z.infer<typeof PublicFeedbackSchema>['status'];
type FeedbackCategory = z.infer<typeof PublicFeedbackSchema>['category'];

const TIME = (t: Date | null) => (t ? vnTime(t) : null);

/** Feedback (phản ánh, kiến nghị): taken on the web or by the desk, handled as a workflow per case. */
export function feedbackRoutes(table: RouteTable, s: Services): void {
  table.add({
    method: 'post',
    path: '/public/feedback',
    tag: 'Feedback',
    summary: 'Send feedback or a complaint (phản ánh, kiến nghị)',
    description:
      'Answers the case code and its access code, once. A `dossierCode` needs that dossier’s `X-Access-Code` ' +
      '(403 ACCESS_DENIED otherwise). With `consentToPublish` the answer may be published without personal data.',
    access: 'public',
    body: PublicFeedbackBody,
    idempotent: true,
    errors: [403],
    success: { status: 201, description: 'Received', schema: FeedbackCreatedSchema },
    async handle({ body, memory, req }) {
      return fileFeedback(s, body, req.get(ACCESS_CODE_HEADER), memory);
    },
  });

  table.add({
    method: 'post',
    path: '/feedback',
    tag: 'Feedback',
    summary: 'Take feedback on the citizen’s behalf: the 1022 hotline, the counter, e-mail or post',
    description: 'As `POST /public/feedback`, by the desk’s receiver, who becomes its first holder.',
    access: ['receiver'],
    body: StaffFeedbackBody,
    idempotent: true,
    errors: [403],
    success: { status: 201, description: 'Received', schema: FeedbackCreatedSchema },
    async handle({ body, user, memory, req }) {
      const { channel, ...rest } = body;
      return intake(s, rest, channel, user, user.agencyCode, req.get(ACCESS_CODE_HEADER), memory);
    },
  });

  table.add({
    method: 'get',
    path: '/public/feedback',
    tag: 'Feedback',
    summary: 'Published answers, without personal data',
    access: 'public',
    query: PageQuery,
    success: { status: 200, description: 'A page of published answers', schema: PublishedFeedbackPageSchema },
    async handle({ query }) {
      const { total, items } = await publishedFeedback(s, query);
      return pageReply(items, total, query);
    },
  });

  table.add({
    method: 'get',
    path: '/public/feedback/:code',
    tag: 'Feedback',
    summary: 'Follow a case: status, dates, the request for more, the answer once given',
    description: ACCESS_CODE_NOTE,
    access: 'public',
    params: FeedbackCodeParams,
    errors: [403],
    success: { status: 200, description: 'The case', schema: PublicFeedbackSchema },
    async handle({ params, req }) {
      return { status: 200, body: await followFeedback(s, params.code, req.get(ACCESS_CODE_HEADER)) };
    },
  });

  table.add({
    method: 'post',
    path: '/public/feedback/:code/supplement',
    tag: 'Feedback',
    summary: 'Add what the desk asked for, once',
    description: ACCESS_CODE_NOTE,
    access: 'public',
    params: FeedbackCodeParams,
    body: FeedbackSupplementBody,
    idempotent: true,
    errors: [403],
    conflicts: ['INVALID_TRANSITION', 'FEEDBACK_CLOSED'],
    success: { status: 200, description: 'The case after it', schema: PublicFeedbackSchema },
    async handle({ params, body, req, idempotencyKey }) {
      const view = await supplementFeedback(
        s,
        params.code,
        req.get(ACCESS_CODE_HEADER),
        body,
        idempotencyKey,
      );
      return { status: 200, body: view };
    },
  });

  table.add({
    method: 'post',
    path: '/public/feedback/:code/rating',
    tag: 'Feedback',
    summary: 'Say whether the answer satisfied, once',
    description:
      'A second rating: 409 ALREADY_RATED. Before the answer: 409 INVALID_TRANSITION.' + ACCESS_CODE_NOTE,
    access: 'public',
    params: FeedbackCodeParams,
    body: FeedbackRatingBody,
    idempotent: true,
    errors: [403],
    conflicts: ['ALREADY_RATED', 'INVALID_TRANSITION'],
    success: { status: 201, description: 'Recorded', schema: PublicFeedbackSchema },
    async handle({ params, body, req, idempotencyKey }) {
      const view = await rateFeedback(s, params.code, req.get(ACCESS_CODE_HEADER), body, idempotencyKey);
      return { status: 201, body: view };
    },
  });

  table.add({
    method: 'post',
    path: '/public/feedback/:code/raise-again',
    tag: 'Feedback',
    summary: 'Raise an unsatisfying answer again, once: a new case linked to this one',
    description:
      'Only after a rating that says the answer did not satisfy (409 INVALID_TRANSITION otherwise), and only ' +
      'once (409 ALREADY_RAISED). Answers the new case’s code and access code.' +
      ACCESS_CODE_NOTE,
    access: 'public',
    params: FeedbackCodeParams,
    body: FeedbackSupplementBody,
    idempotent: true,
    errors: [403],
    conflicts: ['INVALID_TRANSITION', 'ALREADY_RAISED'],
    success: { status: 201, description: 'Received', schema: FeedbackCreatedSchema },
    async handle({ params, body, req, memory }) {
      const row = await admit(s, params.code, req.get(ACCESS_CODE_HEADER));
      if (row.satisfied !== false) {
        throw conflict('INVALID_TRANSITION', 'Chỉ phản ánh lại được khi chưa hài lòng với kết quả xử lý');
      }
      const again: Body = {
        category: row.category as FeedbackCategory,
        subject: row.subject,
        content: body.content,
        contact: {
          fullName: row.contactName,
          ...(row.contactPhone ? { phone: row.contactPhone } : {}),
          ...(row.contactEmail ? { email: row.contactEmail } : {}),
        },
        consentToPublish: row.consentToPublish,
        ...(row.dossierCode ? { dossierCode: row.dossierCode } : {}),
      };
      const actor = { ...CITIZEN, agencyCode: row.deskAgencyCode };
      return intake(
        s,
        again,
        row.channel as FeedbackChannel,
        actor,
        row.deskAgencyCode,
        undefined,
        memory,
        row.code,
      );
    },
  });

  table.add({
    method: 'get',
    path: '/feedback',
    tag: 'Feedback',
    summary: 'Worklist of feedback cases, the nearest due first',
    description: 'Receivers and admins see every case; specialists and leaders those their agency holds.',
    access: ['receiver', 'specialist', 'leader', 'admin'],
    query: FeedbackWorklistQuery,
    success: { status: 200, description: 'A page of cases', schema: FeedbackPageSchema },
    async handle({ query, user }) {
      const agency = seesAll(user) ? query.agency : user.agencyCode;
      const filter = { status: query.status, category: query.category, overdue: query.overdue, agency };
      const { total, rows } = await feedbackPage(s.db, filter, pageWindow(query));
      return pageReply(
        rows.map((row) => FeedbackItemSchema.parse(staffFeedbackView(row, []))),
        total,
        query,
      );
    },
  });

  table.add({
    method: 'get',
    path: '/feedback/:code',
    tag: 'Feedback',
    summary: 'One case with its contact, words and history',
    access: ['receiver', 'specialist', 'leader', 'admin'],
    params: FeedbackCodeParams,
    errors: [403, 404],
    success: { status: 200, description: 'The case', schema: FeedbackSchema },
    async handle({ params, user }) {
      const row = await visibleFeedback(s, user, params.code);
      return { status: 200, body: staffFeedbackView(row, await feedbackEvents(s.db, row.code)) };
    },
  });

  const ACTIONS: ReadonlyArray<{
    path: string;
    command: Exclude<FeedbackCommandName, 'supplement' | 'rate'>;
    summary: string;
    conflicts: string[];
  }> = [
    {
      path: 'reject',
      command: 'reject',
      summary: 'Reject: out of remit, abusive or a duplicate',
      conflicts: [],
    },
    {
      path: 'request-supplement',
      command: 'requestSupplement',
      summary: 'Ask the citizen for more, once, within 5 working days',
      conflicts: ['SUPPLEMENT_ALREADY_REQUESTED', 'SUPPLEMENT_TOO_LATE'],
    },
    { path: 'assign', command: 'assign', summary: 'Route the case to the competent agency', conflicts: [] },
    { path: 'answer', command: 'answer', summary: 'The assigned agency answers', conflicts: [] },
    {
      path: 'publish',
      command: 'publish',
      summary: 'Publish the answer, only with the citizen’s consent, without personal data',
      conflicts: ['NO_CONSENT_TO_PUBLISH'],
    },
  ];
  for (const spec of ACTIONS) {
    const roles = FEEDBACK_ACTION_ROLES[spec.command].filter(
      (r): r is UserRole => r !== 'citizen' && r !== 'system',
    );
    table.add({
      method: 'post',
      path: `/feedback/:code/${spec.path}`,
      tag: 'Feedback',
      summary: spec.summary,
      description: `Roles: ${roles.join(', ')}. Runs the workflow Update \`feedback.${spec.command}\`.`,
      access: roles,
      params: FeedbackCodeParams,
      body: FeedbackActionBodies[spec.command],
      idempotent: true,
      errors: [403, 404],
      conflicts: [...spec.conflicts, 'INVALID_TRANSITION', 'FEEDBACK_CLOSED'],
      success: { status: 200, description: 'The case after the action', schema: FeedbackSchema },
      async handle({ params, body, user, idempotencyKey }) {
        const row = await visibleFeedback(s, user, params.code);
        await act(s, row.code, spec.command, user, body, idempotencyKey);
        return { status: 200, body: await viewAfter(s, row.code, staffFeedbackView) };
      },
    });
  }
}

const seesAll = (user: User) => user.role === 'receiver' || user.role === 'admin';

async function visibleFeedback(s: Services, user: User, code: string): Promise<FeedbackRecord> {
  const row = await findFeedback(s.db, code);
  if (!row) throw notFound(`phản ánh ${code}`);
  const holder = row.assignedAgencyCode ?? row.deskAgencyCode;
  if (!seesAll(user) && user.agencyCode !== holder && user.agencyCode !== row.deskAgencyCode) {
    throw forbidden(`Đơn vị ${user.agencyCode} không xử lý phản ánh ${code}`);
  }
  return row;
}

/** The citizen's services, shared by the public endpoints and the pages (api/site/feedback.ts). */

/** A page of published answers, without personal data. */
export async function publishedFeedback(s: Services, query: z.infer<typeof PageQuery>) {
  const { total, rows } = await publishedFeedbackPage(s.db, pageWindow(query));
  const items = rows.map((r) => ({
    code: r.code,
    category: r.category as FeedbackCategory,
    subject: r.subject,
    answer: r.answer,
    receivedAt: vnTime(r.receivedAt),
    publishedAt: TIME(r.publishedAt),
  }));
  return { total, items };
}

/** Files a case from the web form for the one-stop desk; answers its code and access code once. */
export function fileFeedback(
  s: Services,
  body: Body,
  dossierAccessCode: string | undefined,
  memory?: AttemptMemory,
) {
  const desk = s.agencies.find((a) => a.kind === 'one_stop') ?? s.agencies.find((a) => a.kind === 'both');
  if (!desk) throw new Error('no one-stop desk among the agencies');
  return intake(s, body, 'web', { ...CITIZEN, agencyCode: desk.code }, desk.code, dossierAccessCode, memory);
}

/** The case as its access code's holder sees it. */
export async function followFeedback(s: Services, code: string, accessCode: string | undefined) {
  const row = await admit(s, code, accessCode);
  return publicFeedbackView(row, await feedbackEvents(s.db, row.code));
}

export async function supplementFeedback(
  s: Services,
  code: string,
  accessCode: string | undefined,
  body: z.infer<typeof FeedbackSupplementBody>,
  idempotencyKey?: string,
) {
  const row = await admit(s, code, accessCode);
  await act(s, row.code, 'supplement', CITIZEN, {}, idempotencyKey);
  await storeFeedbackSupplement(s.db, row.code, body.content);
  return viewAfter(s, row.code, publicFeedbackView);
}

export async function rateFeedback(
  s: Services,
  code: string,
  accessCode: string | undefined,
  body: z.infer<typeof FeedbackRatingBody>,
  idempotencyKey?: string,
) {
  const row = await admit(s, code, accessCode);
  // A case that has ended was rated already, or can no longer be.
  if (row.ratedAt) throw conflict('ALREADY_RATED', 'Phản ánh này đã được đánh giá');
  await act(s, row.code, 'rate', CITIZEN, { satisfied: body.satisfied }, idempotencyKey);
  if (body.comment) await storeFeedbackRatingComment(s.db, row.code, body.comment);
  return viewAfter(s, row.code, publicFeedbackView);
}

function admit(s: Services, code: string, given: string | undefined): Promise<FeedbackRecord> {
  return s.accessCodes.admitTo(code, given, () => findFeedback(s.db, code));
}

/**
 * Issues the case's code and starts its workflow. The row goes in first with the citizen's words and
 * contact (never in Temporal); if the workflow did not start it is taken out again.
 */
async function intake(
  s: Services,
  body: Body,
  channel: FeedbackChannel,
  receivedBy: FeedbackActor,
  deskCode: string,
  dossierAccessCode: string | undefined,
  memory: AttemptMemory | undefined,
  raisedFrom?: string,
) {
  // A case about a dossier speaks for its applicant: only with that dossier's access code.
  if (body.dossierCode && !raisedFrom) await s.accessCodes.admit(s.db, body.dossierCode, dossierAccessCode);
  const at = s.now();
  const remembered = memory?.remembered as { code: string } | undefined;
  const code = remembered?.code ?? (await nextFeedbackCode(s.db, at));
  if (!remembered) await memory?.remember({ code });
  const input = prepareFeedback(
    {
      code,
      category: body.category,
      channel,
      desk: deskCode,
      consentToPublish: body.consentToPublish,
      receivedAt: at.toISOString(),
      receivedBy,
      ...(body.dossierCode ? { dossierCode: body.dossierCode } : {}),
      ...(raisedFrom ? { raisedFrom } : {}),
    },
    s.calendar,
  );
  const first = startFeedback(input.start, { now: at, calendar: new WorkingCalendar(input.calendar) }).state;
  const accessCode = newAccessCode();
  if (!(await findFeedback(s.db, code))) {
    const stored = await insertFeedback(s.db, {
      code,
      category: body.category,
      channel,
      subject: body.subject,
      content: body.content,
      contactName: body.contact.fullName,
      contactPhone: body.contact.phone ?? null,
      contactEmail: body.contact.email ?? null,
      consentToPublish: body.consentToPublish,
      accessCodeHash: hashAccessCode(s.accessCodePepper, accessCode),
      dossierCode: body.dossierCode ?? null,
      raisedFrom: raisedFrom ?? null,
      deskAgencyCode: deskCode,
      status: first.status,
      receivedAt: at,
      dueAt: new Date(first.dueAt),
    });
    if (!stored) throw conflict('ALREADY_RAISED', 'Phản ánh này đã được phản ánh lại một lần');
  }
  try {
    await s.workflows.startFeedback(input);
  } catch (err) {
    await deleteFeedback(s.db, code);
    throw err;
  }
  const created: z.infer<typeof FeedbackCreatedSchema> = {
    code,
    accessCode,
    status: first.status,
    dueAt: vnTime(first.dueAt),
    links: { self: `${s.baseUrl}/api/v1/public/feedback/${code}`, page: `${s.baseUrl}/phan-anh/${code}` },
  };
  return { status: 201, body: created, headers: { Location: created.links.self } };
}

/** Runs the Update, then gives the read model a moment to show it; a case whose workflow has ended is closed for good. */
async function act<K extends FeedbackCommandName>(
  s: Services,
  code: string,
  name: K,
  actor: FeedbackActor,
  payload: FeedbackPayloads[K],
  idempotencyKey: string | undefined,
) {
  // A retried request with the same key is the same Update, which Temporal runs once.
  const updateId = idempotencyKey
    ? createHash('sha256').update([actor.username, code, name, idempotencyKey].join('\0')).digest('hex')
    : randomUUID();
  const state = await s.workflows
    .actOnFeedback(code, name, { actor, payload }, updateId)
    .catch((err: unknown) => {
      if (err instanceof WorkflowNotFoundError)
        throw conflict('FEEDBACK_CLOSED', `Phản ánh ${code} đã kết thúc`);
      throw toApiError(err);
    });
  await readModelCaughtUp(() => feedbackProjectionVersion(s.db, code), state.version);
  return state;
}

/** The case as an action left it: act() returned once the read model showed it (or its wait ran out). */
async function viewAfter<V>(
  s: Services,
  code: string,
  view: (row: FeedbackRecord, events: FeedbackEventRecord[]) => V,
): Promise<V> {
  const [row, events] = await Promise.all([findFeedback(s.db, code), feedbackEvents(s.db, code)]);
  return view(row!, events);
}

function supplementRequest(events: FeedbackEventRecord[]): string | null {
  const request = events.find((e) => e.action === 'requestSupplement');
  const detail = request?.detail as { reason?: string } | null | undefined;
  return detail?.reason ?? null;
}

function publicFeedbackView(
  row: FeedbackRecord,
  events: FeedbackEventRecord[],
): z.infer<typeof PublicFeedbackSchema> {
  return {
    code: row.code,
    category: row.category as FeedbackCategory,
    status: row.status as FeedbackStatus,
    subject: row.subject,
    receivedAt: vnTime(row.receivedAt),
    dueAt: vnTime(row.dueAt),
    supplementRequest: supplementRequest(events),
    rejectionReason: row.rejectionReason,
    answer: row.answer,
    answeredAt: TIME(row.answeredAt),
    publishedAt: TIME(row.publishedAt),
    rating:
      row.satisfied === null || !row.ratedAt
        ? null
        : { satisfied: row.satisfied, comment: row.ratingComment, ratedAt: vnTime(row.ratedAt) },
  };
}

function staffFeedbackView(
  row: FeedbackRecord,
  events: FeedbackEventRecord[],
): z.infer<typeof FeedbackSchema> {
  return {
    ...publicFeedbackView(row, events),
    channel: row.channel as FeedbackChannel,
    content: row.content,
    supplementContent: row.supplementContent,
    contact: { fullName: row.contactName, phone: row.contactPhone, email: row.contactEmail },
    consentToPublish: row.consentToPublish,
    dossierCode: row.dossierCode,
    raisedFrom: row.raisedFrom,
    deskAgency: row.deskAgencyCode,
    assignedAgency: row.assignedAgencyCode,
    publishBy: TIME(row.publishBy),
    overdue: row.overdue,
    onTime: row.onTime,
    closedAt: TIME(row.closedAt),
    history: events.map((e) => ({
      action: e.action,
      actor: e.actor,
      actorRole: e.actorRole,
      from: e.fromStatus as FeedbackStatus,
      to: e.toStatus as FeedbackStatus,
      at: vnTime(e.at),
      detail: e.detail,
    })),
  };
}
