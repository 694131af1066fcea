import { Prisma } from '../../generated/sqlite/client';
import { RATING_ITEMS, type PeriodCounts } from '../../domain/indicators';
import { DISLIKE_SCORE } from '../../domain/indicators/satisfaction';
import { providerOf, type Db } from './client';

export interface IndicatorScope {
  /** Receipt dates from `from` (inclusive) to `to` (exclusive). */
  from: Date;
  to: Date;
  /** The clock of open dossiers stops here: the period's end, or now if that comes first. */
  asOf: Date;
  /** The receiving desk or an agency the dossier was handed to. */
  agency?: string;
  procedure?: string;
}

/** Where the dialects differ: a span in days, a number inside a JSON column, the month in Vietnam. */
const DIALECT = {
  sqlite: {
    days: (end: Prisma.Sql, start: Prisma.Sql) => Prisma.sql`(julianday(${end}) - julianday(${start}))`,
    score: (item: string) => Prisma.sql`json_extract(r."scores", ${`$.${item}`})`,
    month: (at: Prisma.Sql) => Prisma.sql`strftime('%Y-%m', ${at}, '+7 hours')`,
  },
  postgresql: {
    days: (end: Prisma.Sql, start: Prisma.Sql) =>
      Prisma.sql`(EXTRACT(EPOCH FROM (${end} - ${start})) / 86400.0)`,
    score: (item: string) => Prisma.sql`(r."scores" ->> ${item})::float`,
    month: (at: Prisma.Sql) => Prisma.sql`to_char(${at} + INTERVAL '7 hours', 'YYYY-MM')`,
  },
} as const;

function scopeFilter(scope: IndicatorScope): Prisma.Sql {
  // The agency's hand-overs are looked up once, not once per dossier (an uncorrelated IN list).
  const agency = scope.agency
    ? Prisma.sql`AND (x."receivingAgencyCode" = ${scope.agency} OR x."code" IN (SELECT h."dossierCode" FROM "Handoff" h WHERE h."toAgencyCode" = ${scope.agency}))`
    : Prisma.empty;
  const procedure = scope.procedure ? Prisma.sql`AND x."procedureCode" = ${scope.procedure}` : Prisma.empty;
  return Prisma.sql`${agency} ${procedure}`;
}

type Row = Record<string, number | bigint | string | null>;
const num = (v: Row[string] | undefined) => (v === null || v === undefined ? 0 : Number(v));
const mean = (v: Row[string] | undefined) => (v === null || v === undefined ? null : Number(v));

/**
 * One pass over the dossiers received in the scope: the counts behind the indicators, for the whole
 * period or per month of receipt (Vietnam time, no daylight saving). The period's rows are read from
 * the covering index Dossier_indicator_facts_idx alone.
 */
function dossierCounts(db: Db, scope: IndicatorScope, byMonth: boolean): Prisma.Sql {
  const dialect = DIALECT[providerOf(db)];
  const { from, to, asOf } = scope;
  const finished = Prisma.sql`(x."finishedAt" IS NOT NULL AND x."finishedAt" <= ${asOf})`;
  // C4: a dossier waiting for the citizen stops its clock at the request; any other open one at asOf.
  const endAt = Prisma.sql`CASE WHEN ${finished} THEN x."finishedAt"
    WHEN x."statusCode" = 5 THEN x."supplementRequestedAt" ELSE ${asOf} END`;
  // C4: more than one supplement or completion request is late whatever the dates.
  const onTime = Prisma.sql`(x."supplementCount" + x."completionRequestCount" <= 1 AND d_end <= x."dueAt")`;
  const month = byMonth ? Prisma.sql`${dialect.month(Prisma.sql`x."receivedAt"`)} AS month,` : Prisma.empty;
  return Prisma.sql`
    WITH d AS (
      SELECT x.*, ${endAt} AS d_end,
        CASE WHEN ${finished} THEN 1 ELSE 0 END AS d_finished,
        CASE WHEN x."dueAt" IS NOT NULL THEN 1 ELSE 0 END AS d_judged
      FROM "Dossier" x
      WHERE x."receivedAt" >= ${from} AND x."receivedAt" < ${to} ${scopeFilter(scope)}
    )
    SELECT ${month}
      COUNT(*) AS received,
      SUM(d_finished) AS finished,
      SUM(d_judged) AS judged,
      SUM(CASE WHEN d_finished = 1 THEN d_judged ELSE 0 END) AS finished_judged,
      SUM(CASE WHEN d_finished = 1 AND d_judged = 1 AND ${onTime} THEN 1 ELSE 0 END) AS on_time,
      SUM(CASE WHEN d_judged = 1 AND ${onTime} THEN 1 ELSE 0 END) AS judged_on_time,
      SUM(CASE WHEN "statusCode" = 7 THEN 1 ELSE 0 END) AS withdrawn,
      SUM(CASE WHEN x."refused" THEN 1 ELSE 0 END) AS refused,
      SUM(CASE WHEN d_finished = 1 THEN ${dialect.days(Prisma.sql`x."finishedAt"`, Prisma.sql`x."receivedAt"`)} ELSE 0 END) AS handling_days,
      SUM(CASE WHEN "channel" = 'online' THEN 1 ELSE 0 END) AS online,
      SUM(CASE WHEN x."paymentRequestedAt" IS NOT NULL THEN 1 ELSE 0 END) AS payment_requested,
      SUM(CASE WHEN x."paidOnline" THEN 1 ELSE 0 END) AS paid_online
    FROM d x
    ${byMonth ? Prisma.sql`GROUP BY month ORDER BY month` : Prisma.empty}`;
}

/**
 * The counts behind the indicators of a period, computed by the database over the dossiers received in
 * it, those carried over and their ratings, from facts the projection keeps on each row; no dossier row
 * reaches JavaScript.
 */
export async function periodCounts(db: Db, scope: IndicatorScope): Promise<PeriodCounts> {
  const dialect = DIALECT[providerOf(db)];
  const { from, to } = scope;
  const filter = scopeFilter(scope);
  const ratings = RATING_ITEMS.map(
    (item) => Prisma.sql`AVG(${dialect.score(item)}) AS ${Prisma.raw(`"avg_${item}"`)}`,
  );
  const [[main], [carried], [rated], complained, [feedback]] = await Promise.all([
    db.$queryRaw<Row[]>(dossierCounts(db, scope, false)),
    db.$queryRaw<Row[]>`
    SELECT COUNT(*) AS n FROM "Dossier" x
    WHERE x."receivedAt" < ${from} AND (x."finishedAt" IS NULL OR x."finishedAt" >= ${from}) ${filter}`,
    // CROSS JOIN keeps SQLite to the ratings first (far fewer than the dossiers); PostgreSQL plans freely.
    db.$queryRaw<Row[]>`
    SELECT COUNT(*) AS n, ${Prisma.join(ratings)}
    FROM "Rating" r CROSS JOIN "Dossier" x
    WHERE x."code" = r."dossierCode" AND x."receivedAt" >= ${from} AND x."receivedAt" < ${to} ${filter}`,
    complainedDossiers(db, scope),
    db.$queryRaw<Row[]>(feedbackCounts(scope)),
  ]);

  return {
    received: num(main.received),
    carriedOver: num(carried.n),
    finished: num(main.finished),
    onTime: num(main.on_time),
    // The rest by subtraction: SQLite repeats a column's expression wherever the outer query names it.
    late: num(main.finished_judged) - num(main.on_time),
    inProgress: num(main.received) - num(main.finished),
    overdueInProgress:
      num(main.judged) - num(main.finished_judged) - (num(main.judged_on_time) - num(main.on_time)),
    withdrawn: num(main.withdrawn),
    refused: num(main.refused),
    judged: num(main.judged),
    judgedOnTime: num(main.judged_on_time),
    handlingDays: num(main.handling_days),
    online: num(main.online),
    paymentRequested: num(main.payment_requested),
    paidOnline: num(main.paid_online),
    ratings: num(rated.n),
    ratingAverages: Object.fromEntries(RATING_ITEMS.map((item) => [item, mean(rated[`avg_${item}`])])),
    complained,
    feedbackJudged: num(feedback.judged),
    feedbackOnTime: num(feedback.on_time),
    feedbackRated: num(feedback.rated),
    feedbackSatisfied: num(feedback.satisfied),
  };
}

/**
 * Feedback cases received in the period (5.2, 5.3): of the agency's desk or assigned to it; with a
 * procedure, those naming one of its dossiers. A case is judged once answered, or when still unanswered
 * past its limit at the period's end.
 */
function feedbackCounts(scope: IndicatorScope): Prisma.Sql {
  const { from, to } = scope;
  const agency = scope.agency
    ? Prisma.sql`AND (f."deskAgencyCode" = ${scope.agency} OR f."assignedAgencyCode" = ${scope.agency})`
    : Prisma.empty;
  const procedure = scope.procedure
    ? Prisma.sql`AND f."dossierCode" IN (SELECT x."code" FROM "Dossier" x WHERE x."procedureCode" = ${scope.procedure})`
    : Prisma.empty;
  return Prisma.sql`
    SELECT
      SUM(CASE WHEN f."answeredAt" IS NOT NULL
        OR (f."status" NOT IN ('rejected', 'closed') AND f."dueAt" < ${to}) THEN 1 ELSE 0 END) AS judged,
      SUM(CASE WHEN f."onTime" THEN 1 ELSE 0 END) AS on_time,
      SUM(CASE WHEN f."satisfied" IS NOT NULL THEN 1 ELSE 0 END) AS rated,
      SUM(CASE WHEN f."satisfied" THEN 1 ELSE 0 END) AS satisfied
    FROM "FeedbackCase" f
    WHERE f."receivedAt" >= ${from} AND f."receivedAt" < ${to} ${agency} ${procedure}`;
}

/** Dossiers judged for 2.1 and those of them on time, per month of receipt (YYYY-MM, Vietnam time). */
export interface MonthOnTime {
  month: string;
  judged: number;
  judgedOnTime: number;
}

/** The on-time trend of a period month by month, in the same single pass as its totals. */
export async function monthlyOnTime(db: Db, scope: IndicatorScope): Promise<MonthOnTime[]> {
  const rows = await db.$queryRaw<Row[]>(dossierCounts(db, scope, true));
  return rows.map((row) => ({
    month: String(row.month),
    judged: num(row.judged),
    judgedOnTime: num(row.judged_on_time),
  }));
}

/**
 * For indicator 5.4: the dossiers received in the period that a feedback case names or that were rated
 * with a dislike (any item at DISLIKE_SCORE or below), each counted once.
 */
export async function complainedDossiers(db: Db, scope: IndicatorScope): Promise<number> {
  const dialect = DIALECT[providerOf(db)];
  const disliked = Prisma.join(
    RATING_ITEMS.map((item) => Prisma.sql`${dialect.score(item)} <= ${DISLIKE_SCORE}`),
    ' OR ',
  );
  const [row] = await db.$queryRaw<Row[]>`
    SELECT COUNT(*) AS n FROM "Dossier" x
    WHERE x."receivedAt" >= ${scope.from} AND x."receivedAt" < ${scope.to} ${scopeFilter(scope)}
      AND (EXISTS (SELECT 1 FROM "FeedbackCase" f WHERE f."dossierCode" = x."code")
        OR EXISTS (SELECT 1 FROM "Rating" r WHERE r."dossierCode" = x."code" AND (${disliked})))`;
  return num(row.n);
}
