import { writeToBuffer } from '@fast-csv/format';
import { Workbook } from 'exceljs';
import { z } from 'zod';
import { indicatorReport, periodBounds, RATING_ITEMS, type IndicatorReport } from '../../domain/indicators';
import { periodCounts, type IndicatorScope } from '../../platform/database/indicators';
import type { User } from '../auth';
import { forbidden, notFound } from '../errors';
import type { RouteTable } from '../route-table';
import type { Services } from '../services';

/** A year and a day: the longest period a leader reports on (a calendar year, leap or not). */
const MAX_PERIOD_DAYS = 366;
const DAY_MS = 86_400_000;
const Code = z.string().regex(/^[A-Za-z0-9.-]{1,50}$/);

export const IndicatorQuery = z
  .object({
    from: z.iso.date().openapi({ example: '2026-01-01', description: 'First receipt date (Vietnam)' }),
    to: z.iso.date().openapi({ example: '2026-12-31', description: 'Last receipt date, inclusive' }),
    agency: Code.optional().openapi({
      description: 'Dossiers received by or handed to this agency; a leader’s own by default',
    }),
    procedure: Code.optional().openapi({ description: 'Dossiers of this procedure code' }),
    format: z.enum(['json', 'csv', 'xlsx']).optional().openapi({ description: 'Or `Accept: text/csv`' }),
  })
  .refine((q) => q.from <= q.to, { path: ['to'], error: 'to must not be before from' })
  .refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / DAY_MS < MAX_PERIOD_DAYS, {
    path: ['to'],
    error: `the period is at most ${MAX_PERIOD_DAYS} days`,
  });

const Count = z.number().int();
const IndicatorSchema = z.object({
  id: z.string().openapi({ example: '2.1', description: 'Decision 766 number' }),
  name: z.string(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  value: z.number().nullable().openapi({ description: 'A rate 0..1 rounded to 4 places (2.2: days)' }),
  points: z.number().nullable(),
  maxPoints: z.number(),
  measurable: z.boolean(),
  note: z.string().nullable(),
});
const IndicatorReportSchema = z
  .object({
    period: z.object({ from: z.string(), to: z.string() }),
    scope: z.object({ agency: z.string().nullable(), procedure: z.string().nullable() }),
    dossiers: z.object({
      received: Count,
      carriedOver: Count,
      finished: Count,
      onTime: Count,
      late: Count,
      inProgress: Count,
      overdueInProgress: Count,
      withdrawn: Count,
      refused: Count,
    }),
    indicators: z.array(IndicatorSchema),
    ratings: z.object({
      count: Count,
      averages: z.record(z.enum(RATING_ITEMS), z.number().nullable()),
    }),
  })
  .openapi('IndicatorReport');

const COLUMNS = [
  'group',
  'id',
  'name',
  'numerator',
  'denominator',
  'value',
  'points',
  'maxPoints',
  'measurable',
  'note',
] as const;

type Row = Partial<Record<(typeof COLUMNS)[number], string | number | boolean | null>>;

/** One flat table for both exports, so a spreadsheet and a CSV hold the same rows. */
function rowsOf(report: IndicatorReport): Row[] {
  return [
    ...Object.entries(report.dossiers).map(([id, value]) => ({ group: 'dossiers', id, value })),
    ...report.indicators.map((indicator) => ({ group: 'indicators', ...indicator })),
    ...Object.entries(report.ratings.averages).map(([id, value]) => ({
      group: 'ratings',
      id,
      denominator: report.ratings.count,
      value,
    })),
  ];
}

/** The report as a CSV or XLSX file, for the API and the leaders' dashboard alike. */
export async function exported(report: IndicatorReport, format: 'csv' | 'xlsx') {
  const name = `indicators-${report.scope.agency ?? 'all'}-${report.period.from}-${report.period.to}`;
  if (format === 'csv') {
    // The byte-order mark makes Excel read the Vietnamese names as UTF-8.
    const csv = await writeToBuffer(rowsOf(report), { headers: [...COLUMNS], writeBOM: true });
    return { body: csv, type: 'text/csv; charset=utf-8', filename: `${name}.csv` };
  }
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet(`${report.period.from} ${report.period.to}`);
  sheet.columns = COLUMNS.map((key) => ({
    header: key,
    key,
    width: key === 'name' || key === 'note' ? 40 : 12,
  }));
  sheet.addRows(rowsOf(report));
  return {
    body: Buffer.from(await workbook.xlsx.writeBuffer()),
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    filename: `${name}.xlsx`,
  };
}

/** What a staff member asks the indicators of: a period of receipt dates, an agency, a procedure. */
export interface IndicatorRequest {
  from: string;
  to: string;
  agency?: string;
  procedure?: string;
}

/** A request checked against the user: what the database counts over, and what the report names. */
export interface IndicatorQueryScope {
  counted: IndicatorScope;
  period: IndicatorReport['period'];
  scope: IndicatorReport['scope'];
}

/**
 * What a user may ask: a leader their own agency (by default), receivers and admins any; an unknown
 * agency or procedure is not found.
 */
export function indicatorScopeFor(s: Services, user: User, request: IndicatorRequest): IndicatorQueryScope {
  const agency = request.agency ?? (user.role === 'leader' ? user.agencyCode : undefined);
  if (user.role === 'leader' && agency !== user.agencyCode) {
    throw forbidden(`Chỉ tiêu của ${agency} không thuộc đơn vị ${user.agencyCode}`);
  }
  if (agency && !s.agency(agency)) throw notFound(`đơn vị ${agency}`);
  if (request.procedure) s.procedure(request.procedure);
  return {
    counted: { ...periodBounds(request.from, request.to, s.now()), agency, procedure: request.procedure },
    period: { from: request.from, to: request.to },
    scope: { agency: agency ?? null, procedure: request.procedure ?? null },
  };
}

export function indicatorRoutes(table: RouteTable, s: Services): void {
  table.add({
    method: 'get',
    path: '/stats/indicators',
    tag: 'Statistics',
    summary: 'Decision 766 indicators and the dashboard counts of a period, keyed on the receipt date',
    description:
      'Computed by the database over the read model and the audit trail. A leader sees their own agency; ' +
      'receivers and admins any. `Accept: text/csv` or `format=csv|xlsx` exports the same figures.',
    access: ['leader', 'receiver', 'admin'],
    query: IndicatorQuery,
    errors: [403, 404],
    success: {
      status: 200,
      description: 'The indicators (JSON, CSV or XLSX)',
      schema: IndicatorReportSchema,
    },
    async handle({ query, user, req }) {
      const { counted, period, scope } = indicatorScopeFor(s, user, query);
      const report = indicatorReport(await periodCounts(s.db, counted), period, scope);
      const format =
        query.format ?? (req.accepts(['application/json', 'text/csv']) === 'text/csv' ? 'csv' : 'json');
      if (format === 'json') return { status: 200, body: report };
      const file = await exported(report, format);
      return {
        status: 200,
        body: file.body,
        headers: {
          'content-type': file.type,
          'content-disposition': `attachment; filename="${file.filename}"`,
        },
      };
    },
  });
}
