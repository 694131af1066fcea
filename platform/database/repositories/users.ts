import type { Db } from '../client';

export interface UserCredentials {
  username: string;
  role: string;
  agencyCode: string;
  passwordHash: string;
}

export interface StaffContact {
  name: string;
  email: string | null;
  phone: string | null;
}

export function findCredentials(db: Db, username: string): Promise<UserCredentials | null> {
  return db.user.findUnique({
    where: { username },
    select: { username: true, role: true, agencyCode: true, passwordHash: true },
  });
}

export async function fullNameOf(db: Db, username: string): Promise<string | undefined> {
  const user = await db.user.findUnique({ where: { username }, select: { fullName: true } });
  return user?.fullName;
}

/** The staff of an agency in these roles, by user name. */
export async function staffContacts(db: Db, agencyCode: string, roles: string[]): Promise<StaffContact[]> {
  const users = await db.user.findMany({
    where: { agencyCode, role: { in: roles } },
    orderBy: { username: 'asc' },
  });
  return users.map((user) => ({ name: user.fullName, email: user.email, phone: user.phone }));
}
