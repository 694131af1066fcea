import { WorkingCalendar } from '../../domain/calendar';
import { receiptCalendar } from '../../domain/dossier/start';
import type { CounterDecision } from '../../domain/dossier/context';
import type { Actor } from '../../domain/dossier/types';
import type { Procedure } from '../../domain/procedure';
import { appendDossierEvent } from '../../platform/database/repositories/read-model';
import { dossierEventPage } from '../../platform/database/repositories/events';
import { currentDossierFiles } from '../../platform/database/repositories/dossier-files';
import { correctionsOfDossier } from '../../platform/database/repositories/corrections';
import { feedbackOfDossier } from '../../platform/database/repositories/feedback';
import { handoffsOf } from '../../platform/database/repositories/handoffs';
import { notificationPage } from '../../platform/database/repositories/outbox';
import { worklistPage, type WorklistFilter } from '../../platform/database/repositories/dossiers';
import type { User } from '../auth';
import { visibleDossier } from '../dossier-access';
import { forbidden, validationFailed } from '../errors';
import { pageReply, pageWindow } from '../pages';
import { receiveDossier } from '../reception';
import type { RouteTable } from '../route-table';
import {
  CreateDossierBody,
  CreatedDossierSchema,
  DossierCodeParams,
  DossierDetailSchema,
  type DossierDetail,
  EventPage,
  NotificationPage,
  PageQuery,
  WorklistPage,
  WorklistQuery,
} from '../schemas';
import type { Services } from '../services';
import {
  correctionOfRow,
  detailOfRow,
  dossierLinks,
  eventView,
  notificationView,
  vnTime,
  worklistItem,
} from '../views';
import { status } from '../../domain/status';
import type { z } from 'zod';

/** A clock skew this large between a client and us is tolerated for `receivedAt`, either way. */
const FUTURE_TOLERANCE_MS = 60_000;

export function dossierRoutes(table: RouteTable, s: Services): void {
  table.add({
    method: 'post',
    path: '/dossiers',
    tag: 'Dossiers',
    summary: 'Receive a dossier at the counter, by post, or on behalf of an online applicant',
    description:
      'The clerk has checked the dossier: it is received at once (status 2, or 4 when it moves on the same ' +
      'moment) under the clerk’s desk, whichever desk of the province the procedure names (boundary-free ' +
      'reception): that desk forwards it to the agencies and returns the result. Send an Idempotency-Key: ' +
      'a retried request then answers the same code instead of receiving the dossier twice.',
    access: ['receiver'],
    body: CreateDossierBody,
    idempotent: true,
    errors: [403, 404],
    success: {
      status: 201,
      description: 'Received; the receipt’s code and due date',
      schema: CreatedDossierSchema,
    },
    async handle({ body, user, memory }) {
      const procedure = s.procedure(body.procedureCode);
      if (s.agency(user.agencyCode)?.kind === 'competent') {
        throw forbidden(`${user.agencyCode} không có Bộ phận Một cửa để tiếp nhận hồ sơ`);
      }
      const now = s.now();
      const at = body.receivedAt ?? now;
      const clerk: Actor = { username: user.username, role: 'receiver', agencyCode: user.agencyCode };
      checkReceiptDate(s, procedure, at, now);
      const { code, accessCode, state } = await receiveDossier(
        s,
        {
          procedure,
          channel: body.channel,
          applicant: body.applicant,
          documents: body.documents,
          at,
          receiptRequested: body.receiptRequested,
          ...(body.notReceived
            ? { notReceived: counterDecision(body.notReceived, clerk) }
            : { receivedBy: clerk }),
        },
        memory,
      );
      // A backdated receipt moves the legal deadline back, so who dated it and when stays on record.
      if (now.getTime() - at.getTime() > FUTURE_TOLERANCE_MS) {
        await appendDossierEvent(s.db, {
          key: `${code}:backdated`,
          dossierCode: code,
          action: 'backdateReceipt',
          actor: user.username,
          actorRole: user.role,
          agencyCode: user.agencyCode,
          outcome: 'applied',
          detail: { receivedAt: at.toISOString(), enteredAt: now.toISOString() },
          at: now,
        });
      }
      const created: z.infer<typeof CreatedDossierSchema> = {
        code,
        accessCode,
        status: status(state?.status ?? (body.notReceived ? 'submitted' : 'received')),
        receivedAt: vnTime(at),
        dueAt: state?.dueAt ? vnTime(state.dueAt) : null,
        links: dossierLinks(s.baseUrl, code),
      };
      return { status: 201, body: created, headers: { Location: created.links.self } };
    },
  });

  table.add({
    method: 'get',
    path: '/dossiers',
    tag: 'Dossiers',
    summary: 'Worklist, from the read model',
    description:
      'Dossiers held or received by the user’s agency (all for admin), most urgent first (due date, then code). ' +
      'Identical requests of one agency within a second share one answer; an action through the API is seen at once. ' +
      '`q` matches a code prefix or part of the applicant’s name (case-sensitive beyond ASCII on PostgreSQL).',
    access: 'user',
    query: WorklistQuery,
    success: { status: 200, description: 'A page of the worklist', schema: WorklistPage },
    async handle({ query, user }) {
      // The same list for everyone of an agency (all for admins), or for one person: requests may share a read.
      const key = JSON.stringify([
        user.role === 'admin' ? '*' : user.agencyCode,
        query.mine ? user.username : '',
        query,
      ]);
      const body = await s.reads.get(key, async () => {
        const { total, rows } = await worklistPage(s.db, worklistFilter(user, query), pageWindow(query));
        const items = rows.map((row) => worklistItem(row, s.baseUrl));
        return JSON.stringify(pageReply(items, total, query).body);
      });
      return { status: 200, body };
    },
  });

  table.add({
    method: 'get',
    path: '/dossiers/:code',
    tag: 'Dossiers',
    summary: 'Everything about a dossier: applicant, steps with deadlines and outcomes, hand-overs',
    access: 'user',
    params: DossierCodeParams,
    errors: [403, 404],
    success: { status: 200, description: 'The dossier', schema: DossierDetailSchema },
    async handle({ params, user }) {
      const row = await visibleDossier(s, user, params.code);
      const [handoffs, sync, files, feedback, corrections] = await Promise.all([
        handoffsOf(s.db, [row.code]),
        s.workflows.portalSync(row.code),
        currentDossierFiles(s.db, row.code),
        feedbackOfDossier(s.db, row.code),
        correctionsOfDossier(s.db, row.code),
      ]);
      const detail: DossierDetail = {
        ...detailOfRow(row, handoffs, s.baseUrl, sync, files),
        corrections: corrections.map(correctionOfRow),
        feedback: feedback.map((f) => ({ ...f, receivedAt: vnTime(f.receivedAt), dueAt: vnTime(f.dueAt) })),
      };
      return { status: 200, body: detail };
    },
  });

  // The dossier's own lists: the audit trail and the messages, oldest first.
  const lists = [
    {
      path: 'events',
      summary: 'The audit trail: applied actions and timers, and refused attempts (denied 403, rejected 409)',
      schema: EventPage,
      async page(dossierCode: string, window: { skip: number; take: number }) {
        const { total, rows } = await dossierEventPage(s.db, dossierCode, window);
        return { total, items: rows.map(eventView) };
      },
    },
    {
      path: 'notifications',
      summary: 'What was sent to whom (recipient masked), when, by which channel, and its delivery state',
      schema: NotificationPage,
      async page(dossierCode: string, window: { skip: number; take: number }) {
        const { total, rows } = await notificationPage(s.db, dossierCode, window);
        return { total, items: rows.map(notificationView) };
      },
    },
  ];
  for (const list of lists) {
    table.add({
      method: 'get',
      path: `/dossiers/:code/${list.path}`,
      tag: 'Dossiers',
      summary: list.summary,
      access: 'user',
      params: DossierCodeParams,
      query: PageQuery,
      errors: [403, 404],
      success: { status: 200, description: 'Oldest first', schema: list.schema },
      async handle({ params, query, user }) {
        const row = await visibleDossier(s, user, params.code);
        const { total, items } = await list.page(row.code, pageWindow(query));
        return pageReply(items, total, query);
      },
    });
  }
}

/** A clerk sees what their agency holds or received (an admin everything), narrowed by the query. */
function worklistFilter(user: User, query: z.infer<typeof WorklistQuery>): WorklistFilter {
  const agencies = [user.role === 'admin' ? undefined : user.agencyCode, query.agency];
  return {
    agencies: agencies.filter((agency) => agency !== undefined),
    statuses: query.status,
    procedureCode: query.procedure,
    overdue: query.overdue,
    dueBefore: query.dueBefore,
    text: query.q,
    assignee: query.mine ? user.username : undefined,
  };
}

/** A receipt is dated now, or at most the setting's working days back (a postal receipt entered later). */
function checkReceiptDate(s: Services, procedure: Procedure, at: Date, now: Date): void {
  if (at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    throw validationFailed([{ path: 'body.receivedAt', message: 'receivedAt is in the future' }]);
  }
  const calendar = new WorkingCalendar(receiptCalendar(procedure, at.toISOString(), s.calendar));
  if (calendar.workingDaysBetween(at, now) > s.backdateWorkingDays) {
    throw validationFailed([
      {
        path: 'body.receivedAt',
        message: `receivedAt is more than ${s.backdateWorkingDays} working day(s) back`,
      },
    ]);
  }
}

/** The clerk's decision at the counter in the workflow's terms: the action it takes at the dossier's start. */
function counterDecision(
  decision: NonNullable<z.infer<typeof CreateDossierBody>['notReceived']>,
  by: Actor,
): CounterDecision {
  if (decision.decision === 'guidance') {
    const { reason, missingDocuments } = decision;
    return { action: 'requestCompletion', by, payload: { reason, missingDocuments } };
  }
  return { action: 'refuse', by, payload: { reason: decision.reason } };
}
