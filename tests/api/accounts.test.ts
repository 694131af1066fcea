import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { z } from 'zod';
import { VERSION_KEPT_MS } from '../../api/auth';
import { failedLoginsOf } from '../../platform/database/repositories/users';
import { startTestStack, type TestStack } from '../harness/stack';
import { as, bodyOf, errorOf, itemsOf } from './support';

/**
 * Staff accounts: the admin makes, lists, disables and resets them; a user changes their own password.
 * Disabling and every password change end the tokens issued before at once in the API process that made
 * the change, and within a second in any other, though the API caches the tokens it verified.
 */
let stack: TestStack;
beforeAll(async () => {
  // Many sign-ins here: the per-client login budget is not what this file tests.
  stack = await startTestStack({ app: { rateLimits: { login: { windowMs: 60_000, limit: 1000 } } } });
});
afterAll(() => stack.stop());

const PASSWORD = 'một mật khẩu đủ dài';
const Token = z.object({ token: z.string() });
const Account = z.object({
  username: z.string(),
  fullName: z.string(),
  role: z.string(),
  agencyCode: z.string(),
  disabled: z.boolean(),
});

const login = (username: string, password: string) =>
  request(stack.app).post('/api/v1/auth/login').send({ username, password });
const withToken = (token: string) => ({
  get: (path: string) => request(stack.app).get(`/api/v1${path}`).set('Authorization', `Bearer ${token}`),
  post: (path: string, body: object = {}) =>
    request(stack.app).post(`/api/v1${path}`).set('Authorization', `Bearer ${token}`).send(body),
});

async function newUser(username: string, role = 'specialist'): Promise<string> {
  const res = await as(stack, 'admin').post('/users', {
    username,
    fullName: 'Nguyễn Văn Thử',
    role,
    agencyCode: 'land',
    password: PASSWORD,
  });
  expect(res.status).toBe(201);
  expect(bodyOf(res, Account)).toEqual({
    username,
    fullName: 'Nguyễn Văn Thử',
    role,
    agencyCode: 'land',
    disabled: false,
  });
  const signedIn = await login(username, PASSWORD);
  expect(signedIn.status).toBe(200);
  return bodyOf(signedIn, Token).token;
}

test('the admin creates an account with its own password, and lists the accounts', async () => {
  const token = await newUser('land.clerk2');
  expect((await withToken(token).get('/agencies')).status).toBe(200);
  expect((await login('land.clerk2', 'demo')).status).toBe(401);

  const listed = await as(stack, 'admin').get('/users?pageSize=100');
  expect(listed.status).toBe(200);
  const accounts = itemsOf(listed, Account);
  expect(accounts.map((a) => a.username)).toEqual(expect.arrayContaining(['admin', 'land.clerk2']));

  const again = await as(stack, 'admin').post('/users', {
    username: 'land.clerk2',
    fullName: 'Người khác',
    role: 'leader',
    agencyCode: 'land',
    password: PASSWORD,
  });
  expect(again.status).toBe(409);
  expect(errorOf(again).code).toBe('USERNAME_TAKEN');
});

test('a password shorter than 12 characters, an unknown agency and a role outside the list are refused', async () => {
  const body = { username: 'land.short', fullName: 'Lê Thị Ngắn', role: 'specialist', agencyCode: 'land' };
  for (const wrong of [
    { ...body, password: 'short-pass1' },
    { ...body, password: PASSWORD, agencyCode: 'nowhere' },
    { ...body, password: PASSWORD, role: 'superuser' },
    { ...body, password: PASSWORD, username: 'Has Spaces' },
  ]) {
    const res = await as(stack, 'admin').post('/users', wrong);
    expect(res.status).toBe(400);
    expect(errorOf(res).code).toBe('VALIDATION_FAILED');
  }
  expect((await login('land.short', PASSWORD)).status).toBe(401);
});

test('only the admin manages accounts', async () => {
  for (const username of ['centre.receiver', 'land.leader']) {
    expect((await as(stack, username).get('/users')).status).toBe(403);
    expect((await as(stack, username).post('/users/land.specialist/disable')).status).toBe(403);
    expect(
      (await as(stack, username).post('/users/land.specialist/reset-password', { password: PASSWORD }))
        .status,
    ).toBe(403);
  }
  expect((await as(stack).get('/users')).status).toBe(401);
});

test('a disabled user can no longer sign in, and the token they hold stops working at once', async () => {
  const token = await newUser('land.leaving', 'leader');
  // Twice, so that the token is in the verified-token cache.
  expect((await withToken(token).get('/agencies')).status).toBe(200);
  expect((await withToken(token).get('/agencies')).status).toBe(200);

  const disabled = await as(stack, 'admin').post('/users/land.leaving/disable');
  expect(disabled.status).toBe(200);
  expect(bodyOf(disabled, Account).disabled).toBe(true);

  expect((await withToken(token).get('/agencies')).status).toBe(401);
  expect((await login('land.leaving', PASSWORD)).status).toBe(401);
  expect((await failedLoginsOf(stack.db, 'land.leaving')).map((row) => row.reason)).toEqual(['disabled']);
  expect((await as(stack, 'admin').post('/users/nobody.here/disable')).status).toBe(404);
  const self = await as(stack, 'admin').post('/users/admin/disable');
  expect(self.status).toBe(409);
  expect(errorOf(self).code).toBe('CANNOT_DISABLE_SELF');
});

test('a user changes their own password: the old password and older tokens stop working', async () => {
  const token = await newUser('land.changer');
  const wrong = await withToken(token).post('/auth/password', {
    currentPassword: 'not my password',
    newPassword: 'a new and long password',
  });
  expect(wrong.status).toBe(403);
  const tooShort = await withToken(token).post('/auth/password', {
    currentPassword: PASSWORD,
    newPassword: 'short',
  });
  expect(tooShort.status).toBe(400);

  const changed = await withToken(token).post('/auth/password', {
    currentPassword: PASSWORD,
    newPassword: 'a new and long password',
  });
  expect(changed.status).toBe(200);
  const fresh = bodyOf(changed, Token).token;
  expect((await withToken(fresh).get('/agencies')).status).toBe(200);
  expect((await withToken(token).get('/agencies')).status).toBe(401);
  expect((await login('land.changer', PASSWORD)).status).toBe(401);
  expect((await login('land.changer', 'a new and long password')).status).toBe(200);
});

test('the admin resets a lost password: the user signs in with the new one, their tokens end', async () => {
  const token = await newUser('land.forgetful');
  const reset = await as(stack, 'admin').post('/users/land.forgetful/reset-password', {
    password: 'chosen by the admin',
  });
  expect(reset.status).toBe(200);
  expect((await withToken(token).get('/agencies')).status).toBe(401);
  expect((await login('land.forgetful', PASSWORD)).status).toBe(401);
  expect((await login('land.forgetful', 'chosen by the admin')).status).toBe(200);
  expect(
    (await as(stack, 'admin').post('/users/nobody.here/reset-password', { password: PASSWORD })).status,
  ).toBe(404);
});

test('another API process takes a new password’s token at once, and refuses a disabled user within a second', async () => {
  // A second app over the same database: another API process, with its own caches.
  const other = stack.appWith({});
  const onOther = (token: string) =>
    request(other).get('/api/v1/agencies').set('Authorization', `Bearer ${token}`);
  const token = await newUser('land.elsewhere');
  expect((await onOther(token)).status).toBe(200);

  const changed = await withToken(token).post('/auth/password', {
    currentPassword: PASSWORD,
    newPassword: 'a new and long password',
  });
  const fresh = bodyOf(changed, Token).token;
  // Newer than the version the other process keeps: checked against the database there and then.
  expect((await onOther(fresh)).status).toBe(200);
  expect((await onOther(token)).status).toBe(401);

  expect((await as(stack, 'admin').post('/users/land.elsewhere/disable')).status).toBe(200);
  expect((await withToken(fresh).get('/agencies')).status).toBe(401);
  // The other process reads the version again once what it keeps is older than VERSION_KEPT_MS.
  await sleep(VERSION_KEPT_MS + 100);
  expect((await onOther(fresh)).status).toBe(401);
});

test('wrong passwords lock the account for a growing delay, on the codec form too; a success resets', async () => {
  await newUser('land.guessed');
  for (let attempt = 1; attempt <= 5; attempt++) {
    expect((await login('land.guessed', `wrong guess ${attempt}`)).status).toBe(401);
  }
  // Locked for a second: even the right password waits, through either login form.
  const locked = await login('land.guessed', PASSWORD);
  expect(locked.status).toBe(429);
  expect(errorOf(locked).code).toBe('RATE_LIMITED');
  expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
  const codecForm = await request(stack.app)
    .post('/codec/login')
    .type('form')
    .send({ username: 'land.guessed', password: PASSWORD });
  expect(codecForm.status).toBe(429);
  // Other accounts behind the same client are not locked.
  expect((await login('land.specialist', 'demo')).status).toBe(200);

  await new Promise((resolve) => setTimeout(resolve, 1_100));
  expect((await login('land.guessed', 'wrong guess 6')).status).toBe(401);
  // The sixth failure locks for two seconds.
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  expect((await login('land.guessed', PASSWORD)).status).toBe(429);
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  expect((await login('land.guessed', PASSWORD)).status).toBe(200);
  // A success starts the count over.
  expect((await login('land.guessed', 'wrong again')).status).toBe(401);
  expect((await login('land.guessed', PASSWORD)).status).toBe(200);

  // Every refusal is audited, the locked ones too.
  const reasons = (await failedLoginsOf(stack.db, 'land.guessed')).map((row) => row.reason);
  expect(reasons).toEqual([
    ...Array<string>(5).fill('wrong password'),
    'locked',
    'locked',
    'wrong password',
    'locked',
    'wrong password',
  ]);
  expect((await login('nobody.at.all', PASSWORD)).status).toBe(401);
  expect((await failedLoginsOf(stack.db, 'nobody.at.all')).map((row) => row.reason)).toEqual([
    'unknown user',
  ]);
});
