import { ConfigError, loadConfig } from '../../platform/config/config';

/** A production start refuses what only a demo may run with, and says what to set. */
const SECRET = 'x'.repeat(32);
const DEPLOYMENT = {
  NODE_ENV: 'production',
  TEMPORAL_ADDRESS: 'temporal:7233',
  MOTCUA_JWT_SECRET: SECRET,
  MOTCUA_AGENCIES_FILE: '/etc/motcua/agencies.json',
  SMTP_URL: 'smtps://mailer:secret@mail.example.vn:465',
};

test('a production deployment with its secrets set starts', () => {
  expect(loadConfig(DEPLOYMENT).embeddedTemporal).toBe(false);
  expect(() => loadConfig({ ...DEPLOYMENT, NODE_ENV: undefined, MOTCUA_ENV: 'production' })).not.toThrow();
  expect(() =>
    loadConfig({ ...DEPLOYMENT, SMTP_URL: 'smtp://mailer:secret@mail.example.vn:587?requireTLS=true' }),
  ).not.toThrow();
  // A relay on the private network that asks for no login.
  expect(() => loadConfig({ ...DEPLOYMENT, SMTP_URL: 'smtp://mail:1025' })).not.toThrow();
});

test.each([
  ['demo users seeded', { MOTCUA_SEED_DEMO: 'true' }, /MOTCUA_SEED_DEMO/],
  ['demo users of the embedded default', { TEMPORAL_ADDRESS: undefined }, /MOTCUA_SEED_DEMO/],
  ['no JWT secret: the generated default', { MOTCUA_JWT_SECRET: undefined }, /MOTCUA_JWT_SECRET/],
  ['a JWT secret under 32 bytes', { MOTCUA_JWT_SECRET: 'x'.repeat(31) }, /MOTCUA_JWT_SECRET/],
  ['the demo agencies', { MOTCUA_AGENCIES_FILE: undefined }, /MOTCUA_AGENCIES_FILE/],
  ['a portal push secret under 32 bytes', { MOTCUA_PORTAL_INBOUND_SECRET: 'short' }, /PORTAL_INBOUND_SECRET/],
  ['SMTP credentials in clear', { SMTP_URL: 'smtp://mailer:secret@mail.example.vn:587' }, /SMTP_URL/],
  [
    'through MOTCUA_ENV',
    { NODE_ENV: undefined, MOTCUA_ENV: 'production', MOTCUA_JWT_SECRET: 'short' },
    /JWT/,
  ],
])('a production start refuses %s', (_case, change, message) => {
  const start = () => loadConfig({ ...DEPLOYMENT, ...change });
  expect(start).toThrow(ConfigError);
  expect(start).toThrow(message);
});

test('outside production the demo settings still start', () => {
  expect(() => loadConfig({ MOTCUA_SEED_DEMO: 'true', SMTP_URL: 'smtp://u:p@mail:25' })).not.toThrow();
});

test("the portal's addresses are addresses or subnets, listed with commas", () => {
  const addresses = (list: string) => loadConfig({ MOTCUA_PORTAL_INBOUND_ADDRESSES: list });
  expect(addresses('203.0.113.7, 10.0.0.0/8,2001:db8::/32').MOTCUA_PORTAL_INBOUND_ADDRESSES).toEqual([
    '203.0.113.7',
    '10.0.0.0/8',
    '2001:db8::/32',
  ]);
  expect(addresses('').MOTCUA_PORTAL_INBOUND_ADDRESSES).toBeUndefined();
  expect(() => addresses('portal.gov.vn')).toThrow(/MOTCUA_PORTAL_INBOUND_ADDRESSES/);
  expect(() => addresses('10.0.0.0/33')).toThrow(ConfigError);
});
