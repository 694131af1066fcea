import type { z } from 'zod';
import { hashPassword } from '../../platform/auth/passwords';
import type { Db } from '../../platform/database/client';
import { openAccount } from '../../platform/auth/accounts';
import {
  disableAccount,
  listAccounts,
  setPasswordHash,
  type StaffAccount,
} from '../../platform/database/repositories/users';
import { passwordLogin, type TokenService } from '../auth';
import { ApiError, conflict, forbidden, notFound, validationFailed } from '../errors';
import { pageReply, pageWindow } from '../pages';
import type { RouteTable } from '../route-table';
import {
  ChangePasswordBody,
  LoginResponse,
  NewUserBody,
  PageQuery,
  ResetPasswordBody,
  StaffAccountList,
  StaffAccountSchema,
  UsernameParams,
} from '../schemas';

const ADMIN = ['admin'] as const;

/** Staff accounts: the admin makes, lists, disables and resets them; every user changes their own password. */
export function userRoutes(table: RouteTable, db: Db, tokens: TokenService): void {
  const login = passwordLogin(db);
  const found = (account: StaffAccount | null, username: string) => {
    if (!account) throw notFound(`người dùng ${username}`);
    return { status: 200, body: StaffAccountSchema.parse(account) };
  };

  table.add({
    method: 'get',
    path: '/users',
    tag: 'Users',
    summary: 'The staff accounts, by user name',
    access: ADMIN,
    query: PageQuery,
    success: { status: 200, description: 'A page of accounts', schema: StaffAccountList },
    async handle({ query }) {
      const { total, rows } = await listAccounts(db, pageWindow(query));
      return pageReply(
        rows.map((row) => StaffAccountSchema.parse(row)),
        total,
        query,
      );
    },
  });

  table.add({
    method: 'post',
    path: '/users',
    tag: 'Users',
    summary: 'Create a staff account with its first password',
    access: ADMIN,
    body: NewUserBody,
    conflicts: ['USERNAME_TAKEN'],
    success: { status: 201, description: 'Created', schema: StaffAccountSchema },
    async handle({ body }) {
      const opened = await openAccount(db, body);
      if (opened === 'unknown agency') {
        throw validationFailed([{ path: 'body.agencyCode', message: 'no agency has this code' }]);
      }
      if (opened === 'username taken')
        throw conflict('USERNAME_TAKEN', `Tên đăng nhập ${body.username} đã có`);
      return { status: 201, body: StaffAccountSchema.parse(opened) };
    },
  });

  table.add({
    method: 'post',
    path: '/users/:username/disable',
    tag: 'Users',
    summary: 'Disable an account: no more logins, and its tokens stop working at once',
    access: ADMIN,
    params: UsernameParams,
    errors: [404],
    conflicts: ['CANNOT_DISABLE_SELF'],
    success: { status: 200, description: 'Disabled', schema: StaffAccountSchema },
    async handle({ params: { username }, user }) {
      // An admin who disables themselves may leave nobody to manage accounts.
      if (username === user.username)
        throw conflict('CANNOT_DISABLE_SELF', 'Không thể tự khóa tài khoản của mình');
      const disabled = found(await disableAccount(db, username, new Date()), username);
      tokens.revoke(username);
      return disabled;
    },
  });

  table.add({
    method: 'post',
    path: '/users/:username/reset-password',
    tag: 'Users',
    summary: 'Set a new password for a user who lost theirs; their tokens stop working',
    access: ADMIN,
    params: UsernameParams,
    body: ResetPasswordBody,
    errors: [404],
    success: { status: 200, description: 'Password set', schema: StaffAccountSchema },
    async handle({ params: { username }, body }) {
      const changed = found(await setPasswordHash(db, username, await hashPassword(body.password)), username);
      tokens.revoke(username);
      return changed;
    },
  });

  table.add({
    method: 'post',
    path: '/auth/password',
    tag: 'Auth',
    summary: 'Change one’s own password',
    description:
      'Every token of the user issued before stops working; the answer carries a new one for this session.',
    access: 'user',
    body: ChangePasswordBody,
    errors: [403],
    success: { status: 200, description: 'Password changed', schema: LoginResponse },
    async handle({ body, user }) {
      try {
        await login(user.username, body.currentPassword);
      } catch (err) {
        // Not a 401: the session is valid, only the password typed is not.
        if (err instanceof ApiError && err.status === 401) throw forbidden('Mật khẩu hiện tại không đúng');
        throw err;
      }
      await setPasswordHash(db, user.username, await hashPassword(body.newPassword));
      tokens.revoke(user.username);
      const { token, expiresAt } = await tokens.issue(user);
      const answer: z.infer<typeof LoginResponse> = { token, expiresAt, user };
      return { status: 200, body: answer };
    },
  });
}
