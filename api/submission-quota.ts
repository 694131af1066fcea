import { ipKeyGenerator } from 'express-rate-limit';
import { vietnamDateKey, vietnamDayEnd, vietnamDayStart } from '../domain/calendar/time';
import type { Db } from '../platform/database/client';
import { onlineSubmissionsSince } from '../platform/database/repositories/dossiers';
import { ApiError } from './errors';

/**
 * Anonymous submissions a day (Vietnam time), per client address and per receiving desk. The desk's quota
 * stays well below the 9,999 codes of its daily sequence, so that a flood of online submissions can never
 * leave the counter without codes for the citizens standing in front of it.
 */
export interface SubmissionQuotas {
  perClient: number;
  perDesk: number;
}

export const DEFAULT_SUBMISSION_QUOTAS: SubmissionQuotas = { perClient: 20, perDesk: 2_000 };

const exceeded = (message: string, now: Date) =>
  new ApiError(429, 'RATE_LIMITED', message, [], {
    'Retry-After': String(
      Math.max(1, Math.ceil((vietnamDayEnd(vietnamDateKey(now)).getTime() + 1 - now.getTime()) / 1000)),
    ),
  });

export class SubmissionQuota {
  /** Submissions of the day by client address, in this process; a new day starts a new map. */
  private byClient = new Map<string, number>();
  private day = '';

  constructor(
    private readonly quotas: SubmissionQuotas,
    private readonly now: () => Date,
  ) {}

  /**
   * Counts one submission from `address` to the desk `agencyCode`, or throws 429 RATE_LIMITED. The desk's
   * count is read from the database, so that every API process sees the same.
   */
  async admit(db: Db, address: string, agencyCode: string): Promise<void> {
    const now = this.now();
    const day = vietnamDateKey(now);
    if (day !== this.day) {
      this.day = day;
      this.byClient = new Map();
    }
    // IPv6 clients own whole subnets: count per /56 as the rate limits do.
    const client = ipKeyGenerator(address);
    const used = this.byClient.get(client) ?? 0;
    if (used >= this.quotas.perClient) {
      throw exceeded(
        'Đã gửi quá số hồ sơ trực tuyến cho phép trong ngày, vui lòng thử lại vào ngày mai',
        now,
      );
    }
    this.byClient.set(client, used + 1);
    if ((await onlineSubmissionsSince(db, agencyCode, vietnamDayStart(day))) >= this.quotas.perDesk) {
      throw exceeded(
        'Bộ phận tiếp nhận đã nhận đủ số hồ sơ trực tuyến trong ngày, vui lòng thử lại vào ngày mai',
        now,
      );
    }
  }
}
