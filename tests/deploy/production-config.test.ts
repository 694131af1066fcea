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
