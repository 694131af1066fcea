import { DEMO_AGENCIES, type Agency } from '../../domain/agencies';
import type { UserRole } from '../../domain/vocabulary';
import type { Db } from './client';
import { retryOnConflict } from './errors';
import { syncAgencyDirectory } from './repositories/agencies';
import { hashPassword } from '../auth/passwords';

/**
 * The demo province of the embedded default (README, "Quick start": the demo users): its agencies, and per agency
 * `X.specialist` and `X.leader` where it handles procedures, `X.receiver` where it runs a one-stop
 * desk, plus `admin` at the provincial centre.
 */

export interface DemoUser {
  username: string;
  role: UserRole;
  agencyCode: string;
  fullName: string;
  email: string;
  phone: string;
}

const ADMIN_AGENCY = 'centre';

/** Invented people; a longer agency list reuses them. */
const DEMO_NAMES = [
  'Nguyễn Thị Lan',
  'Trần Văn Minh',
  'Lê Thị Hồng Nhung',
  'Phạm Quốc Huy',
  'Hoàng Thị Mai',
  'Võ Đức Thắng',
  'Đặng Thị Thu Hà',
  'Bùi Văn Tùng',
  'Đỗ Thị Ngọc Ánh',
  'Huỳnh Văn Phúc',
  'Ngô Thị Thanh Tâm',
  'Dương Minh Khoa',
  'Lý Thị Kim Oanh',
  'Phan Văn Hải',
  'Vũ Thị Phương',
];

function rolesOf(agency: Agency): UserRole[] {
  const roles: UserRole[] = [];
  if (agency.kind !== 'one_stop') roles.push('specialist', 'leader');
  if (agency.kind !== 'competent') roles.push('receiver');
  return roles;
}

function agencyContacts(agency: Agency, index: number): { email: string; phone: string } {
  return { email: `${agency.code}@motcua.local`, phone: `02563822${String(101 + index).padStart(3, '0')}` };
}

export const DEMO_USERS: readonly DemoUser[] = DEMO_AGENCIES.flatMap((agency) =>
  rolesOf(agency).map((role) => ({ username: `${agency.code}.${role}`, role, agencyCode: agency.code })),
)
  .concat([{ username: 'admin', role: 'admin', agencyCode: ADMIN_AGENCY }])
  .map((user, index) => ({
    ...user,
    fullName: DEMO_NAMES[index % DEMO_NAMES.length],
    email: `${user.username}@motcua.local`,
    phone: `0900000${String(101 + index).padStart(3, '0')}`,
  }));

export interface SeedResult {
  /** Users missing when the run began (created by it, or by a run at the same moment); others are left as they are. */
  createdUsers: string[];
}

/**
 * Safe on every start. Agencies as `syncAgencyDirectory` leaves them, with invented contacts on creation; users are created when missing and never changed, so a password or role
 * changed by an administrator survives a restart.
 */
export async function seedDemoProvince(db: Db, { password }: { password: string }): Promise<SeedResult> {
  await syncAgencyDirectory(db, DEMO_AGENCIES, agencyContacts);
  const existing = await db.user.findMany({
    where: { username: { in: DEMO_USERS.map((user) => user.username) } },
    select: { username: true },
  });
  const known = new Set(existing.map((user) => user.username));
  const missing = DEMO_USERS.filter((user) => !known.has(user.username));
  // A salt each, hashed in parallel on libuv's thread pool.
  const hashes = await Promise.all(missing.map(() => hashPassword(password)));
  for (const [index, user] of missing.entries()) {
    await retryOnConflict(() =>
      db.user.upsert({
        where: { username: user.username },
        create: { ...user, passwordHash: hashes[index] },
        update: {},
      }),
    );
  }
  return { createdUsers: missing.map((user) => user.username) };
}
