import type { Db } from '../database/client';
import { agencyByCode } from '../database/repositories/agencies';
import { createAccount, type StaffAccount } from '../database/repositories/users';
import { hashPassword } from './passwords';

export interface NewAccount {
  username: string;
  fullName: string;
  role: string;
  agencyCode: string;
  password: string;
}

/** The account made, or why not: what `POST /users` and `npm run user:create` share. */
export async function openAccount(
  db: Db,
  { password, ...account }: NewAccount,
): Promise<StaffAccount | 'unknown agency' | 'username taken'> {
  if (!(await agencyByCode(db, account.agencyCode))) return 'unknown agency';
  return (
    (await createAccount(db, { ...account, passwordHash: await hashPassword(password) })) ?? 'username taken'
  );
}
