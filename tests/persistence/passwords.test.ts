import { hashPassword, verifyPassword } from '../../platform/auth/passwords';

describe('password hashes', () => {
  test('carry their parameters and a fresh salt, and verify only the right password', async () => {
    const [first, second] = await Promise.all([hashPassword('Mật khẩu 1'), hashPassword('Mật khẩu 1')]);
    expect(first).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(second).not.toBe(first);
    expect(await verifyPassword('Mật khẩu 1', first)).toBe(true);
    expect(await verifyPassword('Mật khẩu 1', second)).toBe(true);
    expect(await verifyPassword('mật khẩu 1', first)).toBe(false);
    expect(await verifyPassword('', first)).toBe(false);
  });

  test('compare Vietnamese text in one Unicode form (NFC and NFD type the same word)', async () => {
    const hash = await hashPassword('Việt'.normalize('NFD'));
    expect(await verifyPassword('Việt'.normalize('NFC'), hash)).toBe(true);
  });

  test('verify hashes made with other parameters', async () => {
    // scrypt('demo', 16 zero bytes) at ln=10: a later change of the defaults must not lock anyone out.
    const weaker = '$scrypt$ln=10,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$WjAC2RWP79UobHHcfq+htgUqLOzpNw01kVQnZJjuF94';
    expect(await verifyPassword('demo', weaker)).toBe(true);
    expect(await verifyPassword('demo!', weaker)).toBe(false);
  });

  test.each([
    ['', 'empty'],
    ['demo', 'plain text'],
    ['$2b$10$abcdefghijklmnopqrstuuJ3f0wO5g0Q0eM5kqJ1xv7v0x8k5p5rW', 'bcrypt'],
    [
      '$scrypt$ln=30,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$WjAC2RWP79UobHHcfq+htgUqLOzpNw01kVQnZJjuF94',
      'absurd cost',
    ],
    ['$scrypt$ln=10,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$WjAC', 'truncated key'],
  ])('refuse a hash it cannot read (%s: %s)', async (hash) => {
    expect(await verifyPassword('demo', hash)).toBe(false);
  });
});
