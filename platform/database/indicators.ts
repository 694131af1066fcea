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

/** The two places the dialects differ: a span in days, a number inside a JSON column. */
const DIALECT = {
  sqlite: {
    days: (end: Prisma.Sql, start: Prisma.Sql) => Prisma.sql`(julianday(${end}) - julianday(${start}))`,
    score: (item: string) => Prisma.sql`json_extract(r."scores", ${`$.${item}`})`,
  },
  postgresql: {
    days: (end: Prisma.Sql, start: Prisma.Sql) =>
      Prisma.sql`(EXTRACT(EPOCH FROM (${end} - ${start})) / 86400.0)`,
    score: (item: string) => Prisma.sql`(r."scores" ->> ${item})::float`,
  },
} as const;

function scopeFilter(scope: IndicatorScope): Prisma.Sql {
  const agency = scope.agency
    ? Prisma.sql`AND (x."receivingAgencyCode" = ${scope.agency} OR EXISTS (SELECT 1 FROM "Handoff" h WHERE h."dossierCode" = x."code" AND h."toAgencyCode" = ${scope.agency}))`
    : Prisma.empty;
  const procedure = scope.procedure ? Prisma.sql`AND x."procedureCode" = ${scope.procedure}` : Prisma.empty;
  return Prisma.sql`${agency} ${procedure}`;
}

type Row = Record<string, number | bigint | string | null>;
const num = (v: Row[string] | undefined) => (v === null || v === undefined ? 0 : Number(v));
const mean = (v: Row[string] | undefined) => (v === null || v === undefined ? null : Number(v));

/**
 * The counts behind the indicators of a period, computed by the database in one pass over the dossiers
 * received in it (plus one over those carried over), from facts the projection keeps on each row; no
 * dossier row reaches JavaScript.
 */
export async function periodCounts(db: Db, scope: IndicatorScope): Promise<PeriodCounts> {
  const dialect = DIALECT[providerOf(db)];
  const { from, to, asOf } = scope;
  const filter = scopeFilter(scope);
  const finished = Prisma.sql`(x."finishedAt" IS NOT NULL AND x."finishedAt" <= ${asOf})`;
  // C4: a dossier waiting for the citizen stops its clock at the request; any other open one at asOf.
  const endAt = Prisma.sql`CASE WHEN ${finished} THEN x."finishedAt"
    WHEN x."statusCode" = 5 THEN x."supplementRequestedAt" ELSE ${asOf} END`;
  // C4: more than one supplement or completion request is late whatever the dates.
  const onTime = Prisma.sql`(x."supplementCount" + x."completionRequestCount" <= 1 AND d_end <= x."dueAt")`;
  const ratings = RATING_ITEMS.map(
    (item) => Prisma.sql`AVG(${dialect.score(item)}) AS ${Prisma.raw(`"avg_${item}"`)}`,
  );

  const [main] = await db.$queryRaw<Row[]>`
    WITH d AS (
      SELECT x.*, ${endAt} AS d_end,
        CASE WHEN ${finished} THEN 1 ELSE 0 END AS d_finished,
        CASE WHEN x."dueAt" IS NOT NULL THEN 1 ELSE 0 END AS d_judged
      FROM "Dossier" x
      WHERE x."receivedAt" >= ${from} AND x."receivedAt" < ${to} ${filter}
    )
    SELECT
      COUNT(*) AS received,
      SUM(d_finished) AS finished,
      SUM(CASE WHEN d_finished = 1 AND d_judged = 1 AND ${onTime} THEN 1 ELSE 0 END) AS on_time,
      SUM(CASE WHEN d_finished = 1 AND d_judged = 1 AND NOT ${onTime} THEN 1 ELSE 0 END) AS late,
      SUM(1 - d_finished) AS in_progress,
      SUM(CASE WHEN d_finished = 0 AND NOT ${onTime} THEN 1 ELSE 0 END) AS overdue_in_progress,
      SUM(CASE WHEN "statusCode" = 7 THEN 1 ELSE 0 END) AS withdrawn,
      SUM(CASE WHEN x."refused" THEN 1 ELSE 0 END) AS refused,
      SUM(d_judged) AS judged,
      SUM(CASE WHEN d_judged = 1 AND ${onTime} THEN 1 ELSE 0 END) AS judged_on_time,
      SUM(CASE WHEN d_finished = 1 THEN ${dialect.days(Prisma.sql`x."finishedAt"`, Prisma.sql`x."receivedAt"`)} ELSE 0 END) AS handling_days,
      SUM(CASE WHEN "channel" = 'online' THEN 1 ELSE 0 END) AS online,
      SUM(CASE WHEN x."paymentRequestedAt" IS NOT NULL THEN 1 ELSE 0 END) AS payment_requested,
      SUM(CASE WHEN x."paidOnline" THEN 1 ELSE 0 END) AS paid_online
    FROM d x`;
  const [carried] = await db.$queryRaw<Row[]>`
    SELECT COUNT(*) AS n FROM "Dossier" x
    WHERE x."receivedAt" < ${from} AND (x."finishedAt" IS NULL OR x."finishedAt" >= ${from}) ${filter}`;
  const [rated] = await db.$queryRaw<Row[]>`
    SELECT COUNT(*) AS n, ${Prisma.join(ratings)}
    FROM "Rating" r JOIN "Dossier" x ON x."code" = r."dossierCode"
    WHERE x."receivedAt" >= ${from} AND x."receivedAt" < ${to} ${filter}`;

  return {
    received: num(main.received),
    carriedOver: num(carried.n),
    finished: num(main.finished),
    onTime: num(main.on_time),
    late: num(main.late),
    inProgress: num(main.in_progress),
    overdueInProgress: num(main.overdue_in_progress),
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
  };
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
