import type { Db } from '../../platform/database/client';
import { hashPassword, verifyPassword } from '../../platform/auth/passwords';
import { DEMO_USERS, seedDemoProvince } from '../../platform/database/seed';
import { PROVIDERS, useDatabases } from '../harness/databases';

/** The demo province's agencies, sorted by code. */
const AGENCIES = [
  {
    code: 'centre',
    identifier: '000.00.01.H56',
    name: 'Trung tâm Phục vụ hành chính công tỉnh',
    kind: 'one_stop',
    level: 'province',
  },
  {
    code: 'commune',
    identifier: '000.21.31.H56',
    name: 'Ủy ban nhân dân xã Phước Hòa',
    kind: 'both',
    level: 'commune',
  },
  {
    code: 'construction',
    identifier: '000.00.11.H56',
    name: 'Sở Xây dựng',
    kind: 'competent',
    level: 'province',
  },
  {
    code: 'enforcement',
    identifier: '000.00.15.H56',
    name: 'Thi hành án dân sự tỉnh',
    kind: 'competent',
    level: 'province',
  },
  { code: 'justice', identifier: '000.00.12.H56', name: 'Sở Tư pháp', kind: 'competent', level: 'province' },
  {
    code: 'land',
    identifier: '000.00.10.H56',
    name: 'Sở Nông nghiệp và Môi trường',
    kind: 'competent',
    level: 'province',
  },
  { code: 'police', identifier: '000.00.14.H56', name: 'Công an tỉnh', kind: 'competent', level: 'province' },
  { code: 'tax', identifier: '000.00.13.H56', name: 'Thuế tỉnh', kind: 'competent', level: 'province' },
];
/** Specialist and leader per competent agency, receiver per one-stop desk, then the administrator. */
const USERNAMES = [
  'centre.receiver',
  'land.specialist',
  'land.leader',
  'construction.specialist',
  'construction.leader',
  'justice.specialist',
  'justice.leader',
  'tax.specialist',
  'tax.leader',
  'police.specialist',
  'police.leader',
  'enforcement.specialist',
  'enforcement.leader',
  'commune.specialist',
  'commune.leader',
  'commune.receiver',
  'admin',
];

test('the demo users follow the contract: specialist and leader per competent agency, receiver per one-stop', () => {
  expect(DEMO_USERS.map((user) => user.username)).toEqual(USERNAMES);
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
    expect(result.createdUsers).toEqual(USERNAMES);

    const agencies = await db.agency.findMany({ orderBy: { code: 'asc' } });
    expect(
      agencies.map(({ code, identifier, name, kind, level }) => ({ code, identifier, name, kind, level })),
    ).toEqual(AGENCIES);
    expect(agencies.every((agency) => agency.email && agency.phone)).toBe(true);

    const users = await db.user.findMany();
    expect(users).toHaveLength(USERNAMES.length);
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
    expect(await db.agency.count()).toBe(AGENCIES.length);
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
    expect(await fresh.user.count()).toBe(USERNAMES.length);
  });
});
