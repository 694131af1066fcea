import { DEMO_AGENCIES } from '../../domain/agencies';
import type { Db } from '../../platform/database/client';
import { hashPassword, verifyPassword } from '../../platform/auth/passwords';
import { DEMO_USERS, seedDemoProvince } from '../../platform/database/seed';
import { PROVIDERS, useDatabases } from './databases';

test('the demo users follow the contract: specialist and leader per competent agency, receiver per one-stop', () => {
  const expected = DEMO_AGENCIES.flatMap((agency) => [
    ...(agency.kind === 'one_stop' ? [] : [`${agency.code}.specialist`, `${agency.code}.leader`]),
    ...(agency.kind === 'competent' ? [] : [`${agency.code}.receiver`]),
  ]).concat('admin');
  expect(DEMO_USERS.map((user) => user.username)).toEqual(expected);
  expect(DEMO_USERS.find((user) => user.username === 'admin')).toMatchObject({
    role: 'admin',
    agencyCode: 'centre',
  });
  for (const user of DEMO_USERS) {
    expect(user.role).toBe(user.username === 'admin' ? 'admin' : user.username.split('.')[1]);
    expect(user.email).toBe(`${user.username}@motcua.local`);
    expect(user.phone).toMatch(/^0\d{9}$/);
    expect(user.fullName).toMatch(/^\p{Lu}\p{Ll}* .+/u);
  }
  expect(new Set(DEMO_USERS.map((user) => user.phone)).size).toBe(DEMO_USERS.length);
});

describe.each(PROVIDERS)('%s: demo province seed', (provider) => {
  const databases = useDatabases(provider);
  let db: Db;
  beforeAll(async () => {
    db = (await databases.open()).prisma;
  });

  test('creates the agencies and users, whose password verifies', async () => {
    const result = await seedDemoProvince(db, { password: 'demo' });
    expect(result.createdUsers).toEqual(DEMO_USERS.map((user) => user.username));

    const agencies = await db.agency.findMany({ orderBy: { code: 'asc' } });
    expect(
      agencies.map(({ code, identifier, name, kind, level }) => ({ code, identifier, name, kind, level })),
    ).toEqual([...DEMO_AGENCIES].sort((a, b) => a.code.localeCompare(b.code)));
    expect(agencies.every((agency) => agency.email && agency.phone)).toBe(true);

    const users = await db.user.findMany();
    expect(users).toHaveLength(DEMO_USERS.length);
    for (const user of users) {
      expect(user).toMatchObject(DEMO_USERS.find((demo) => demo.username === user.username)!);
      expect(user.passwordHash).not.toContain('demo');
    }
    const leader = users.find((user) => user.username === 'land.leader')!;
    expect(await verifyPassword('demo', leader.passwordHash)).toBe(true);
    expect(await verifyPassword('Demo', leader.passwordHash)).toBe(false);
  });

  test('a second run changes nothing, and keeps what an administrator changed', async () => {
    await seedDemoProvince(db, { password: 'demo' });
    await db.user.update({
      where: { username: 'land.specialist' },
      data: { passwordHash: await hashPassword('changed'), fullName: 'Tên mới' },
    });
    await db.agency.update({ where: { code: 'land' }, data: { email: 'vanthu@land.example' } });
    const before = await db.user.findMany({ orderBy: { username: 'asc' } });

    const result = await seedDemoProvince(db, { password: 'another' });

    expect(result.createdUsers).toEqual([]);
    expect(await db.user.findMany({ orderBy: { username: 'asc' } })).toEqual(before);
    expect(await db.agency.count()).toBe(DEMO_AGENCIES.length);
    expect((await db.agency.findUniqueOrThrow({ where: { code: 'land' } })).email).toBe(
      'vanthu@land.example',
    );
    const specialist = await db.user.findUniqueOrThrow({ where: { username: 'land.specialist' } });
    expect(await verifyPassword('changed', specialist.passwordHash)).toBe(true);
  });

  test('two seeders at once both succeed', async () => {
    const fresh = (await databases.open()).prisma;
    await Promise.all([
      seedDemoProvince(fresh, { password: 'demo' }),
      seedDemoProvince(fresh, { password: 'demo' }),
    ]);
    expect(await fresh.user.count()).toBe(DEMO_USERS.length);
  });
});
