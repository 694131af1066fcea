import type { Db } from '../client';
import { readPage, type Page, type PageWindow } from './page';

export interface UserCredentials {
  username: string;
  role: string;
  agencyCode: string;
  passwordHash: string;
  disabledAt: Date | null;
}

export interface StaffContact {
  name: string;
  email: string | null;
  phone: string | null;
}

export function findCredentials(db: Db, username: string): Promise<UserCredentials | null> {
  return db.user.findUnique({
    where: { username },
    select: { username: true, role: true, agencyCode: true, passwordHash: true, disabledAt: true },
  });
}

export interface StaffAccount {
  username: string;
  fullName: string;
  role: string;
  agencyCode: string;
  disabled: boolean;
}

export interface NewStaffAccount {
  username: string;
  fullName: string;
  role: string;
  agencyCode: string;
  passwordHash: string;
}

const toAccount = (user: {
  username: string;
  fullName: string;
  role: string;
  agencyCode: string;
  disabledAt: Date | null;
}): StaffAccount => ({
  username: user.username,
  fullName: user.fullName,
  role: user.role,
  agencyCode: user.agencyCode,
  disabled: user.disabledAt !== null,
});

export async function listAccounts(db: Db, window: PageWindow): Promise<Page<StaffAccount>> {
  const { total, rows } = await readPage(
    db.user.count(),
    db.user.findMany({ orderBy: { username: 'asc' }, ...window }),
  );
  return { total, rows: rows.map(toAccount) };
}

/** Null when the user name is taken. */
export async function createAccount(db: Db, account: NewStaffAccount): Promise<StaffAccount | null> {
  if (await db.user.findUnique({ where: { username: account.username }, select: { id: true } })) return null;
  return toAccount(await db.user.create({ data: account }));
}

/**
 * The version a token of this user must carry to be honoured, or null for a disabled or unknown user.
 * Disabling and every password change bump it, so that the tokens issued before stop working.
 */
export async function currentTokenVersion(db: Db, username: string): Promise<number | null> {
  const user = await db.user.findUnique({
    where: { username },
    select: { tokenVersion: true, disabledAt: true },
  });
  return user && !user.disabledAt ? user.tokenVersion : null;
}

/** Null for an unknown user. */
export function disableAccount(db: Db, username: string, at: Date): Promise<StaffAccount | null> {
  return updateAccount(db, username, { disabledAt: at, tokenVersion: { increment: 1 } });
}

/** Null for an unknown user. */
export function setPasswordHash(
  db: Db,
  username: string,
  passwordHash: string,
): Promise<StaffAccount | null> {
  return updateAccount(db, username, { passwordHash, tokenVersion: { increment: 1 } });
}

async function updateAccount(
  db: Db,
  username: string,
  data: Parameters<Db['user']['update']>[0]['data'],
): Promise<StaffAccount | null> {
  if (!(await db.user.findUnique({ where: { username }, select: { id: true } }))) return null;
  return toAccount(await db.user.update({ where: { username }, data }));
}

export async function fullNameOf(db: Db, username: string): Promise<string | undefined> {
  const user = await db.user.findUnique({ where: { username }, select: { fullName: true } });
  return user?.fullName;
}

/** The staff of an agency in these roles, by user name; disabled accounts receive nothing. */
export async function staffContacts(db: Db, agencyCode: string, roles: string[]): Promise<StaffContact[]> {
  const users = await db.user.findMany({
    where: { agencyCode, role: { in: roles }, disabledAt: null },
    orderBy: { username: 'asc' },
  });
  return users.map((user) => ({ name: user.fullName, email: user.email, phone: user.phone }));
}

export type LoginRefusal = 'wrong password' | 'unknown user' | 'disabled' | 'locked';

export async function recordFailedLogin(db: Db, username: string, reason: LoginRefusal): Promise<void> {
  await db.failedLogin.create({ data: { username, reason } });
}

/** The refused sign-ins under a user name, oldest first. */
export function failedLoginsOf(db: Db, username: string): Promise<{ reason: string; at: Date }[]> {
  return db.failedLogin.findMany({
    where: { username },
    orderBy: { id: 'asc' },
    select: { reason: true, at: true },
  });
}
