import type { z } from 'zod';
import type { Db } from '../../platform/database/client';
import { passwordLogin, type TokenService } from '../auth';
import type { RouteTable } from '../route-table';
import { LoginBody, LoginResponse } from '../schemas';

export function authRoutes(table: RouteTable, db: Db, tokens: TokenService): void {
  const login = passwordLogin(db);
  table.add({
    method: 'post',
    path: '/auth/login',
    tag: 'Auth',
    summary: 'Sign in: a bearer token for the other endpoints',
    description:
      'A wrong user name and a wrong password get the same 401 in the same time. Rate limited per client, ' +
      'apart from the other public routes.',
    access: 'public',
    rateLimit: 'login',
    body: LoginBody,
    success: { status: 200, description: 'Signed in', schema: LoginResponse },
    async handle({ body }) {
      const user = await login(body.username, body.password);
      const { token, expiresAt } = await tokens.issue(user);
      const answer: z.infer<typeof LoginResponse> = { token, expiresAt, user };
      return { status: 200, body: answer };
    },
  });
}
