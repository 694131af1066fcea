import {
  createPortalClient,
  PortalUnavailableError,
  type PortalClient,
} from '../../activities/portal/client';
import { alreadyExists, PORTAL_SERVICES } from '../../domain/portal/transport';
import { startPortalSimulator, type PortalSimulator } from '../../platform/dev/portal-simulator';

let simulator: PortalSimulator;
let client: PortalClient;

beforeEach(async () => {
  simulator = await startPortalSimulator({
    catalogue: [{ maTTHC: '1.001193', tenTTHC: 'Đăng ký khai sinh' }],
  });
  client = createPortalClient({
    baseUrl: simulator.url,
    username: simulator.username,
    password: simulator.password,
    unitCode: '000.00.01.H56',
    timeoutMs: 500,
  });
});

afterEach(() => simulator.stop());

const record = { MaHoSo: 'H56-1', TrangThaiHoSo: '2' };
const sync = (isUpdating: 'True' | 'False', data = [record]) =>
  client.call('integration', PORTAL_SERVICES.syncDossier, { isUpdating, data });

test('logs in once, then sends the session, the unit code and the service in the body', async () => {
  expect((await sync('False')).error_code).toBe(0);
  expect((await client.call('integration', PORTAL_SERVICES.lookUpDossier, { mahoso: 'H56-1' })).data).toEqual(
    [record],
  );
  expect(simulator.calls.map((c) => c.path)).toEqual(['/auth/login', '/integration', '/integration']);
  const [, first, second] = simulator.calls;
  expect(first.body).toMatchObject({
    madonvi: '000.00.01.H56',
    service: 'DongBoHoSoMC',
    isUpdating: 'False',
  });
  expect(second.body.session).toBe(first.body.session);
  expect(simulator.dossiers.get('H56-1')).toEqual(record);
});

test('creating a dossier it knows answers "already exists"; an update of one it does not know is refused', async () => {
  await sync('False');
  const again = await sync('False');
  expect(again.error_code).toBe(3);
  expect(alreadyExists(again)).toBe(true);
  expect((await sync('True', [{ ...record, MaHoSo: 'H56-2' }])).error_code).toBe(-1);
  expect((await sync('True', [{ ...record, TrangThaiHoSo: '4' }])).error_code).toBe(0);
  expect(simulator.dossiers.get('H56-1')?.TrangThaiHoSo).toBe('4');
});

test('progress entries are kept per dossier, and refused for a dossier it does not know', async () => {
  await sync('False');
  const entry = { MaHoSo: 'H56-1', NoiDungXuLy: 'Tiếp nhận hồ sơ' };
  expect((await client.call('integration', PORTAL_SERVICES.addProgress, { data: [entry] })).error_code).toBe(
    0,
  );
  expect(simulator.progress.get('H56-1')).toEqual([entry]);
  const unknown = { ...entry, MaHoSo: 'H56-9' };
  expect(
    (await client.call('integration', PORTAL_SERVICES.addProgress, { data: [unknown] })).error_code,
  ).toBe(-1);
});

test('a refused session is re-established with a new login and the call sent again', async () => {
  await sync('False');
  simulator.behaviour = 'refuse-session';
  expect((await sync('True')).error_code).toBe(0);
  expect(simulator.calls.map((c) => c.path)).toEqual([
    '/auth/login',
    '/integration',
    '/integration',
    '/auth/login',
    '/integration',
  ]);
  expect(simulator.calls[2].answer?.error_code).toBe(-1);
});

test('wrong credentials are refused', async () => {
  const intruder = createPortalClient({
    baseUrl: simulator.url,
    username: 'x',
    password: 'y',
    unitCode: 'u',
    timeoutMs: 500,
  });
  await expect(
    intruder.call('integration', PORTAL_SERVICES.lookUpDossier, { mahoso: 'H56-1' }),
  ).rejects.toThrow(PortalUnavailableError);
});

test('down, then too slow: both fail the call, and a timed-out call changes nothing', async () => {
  simulator.behaviour = 'down';
  await expect(sync('False')).rejects.toThrow(/HTTP 503/);
  simulator.behaviour = 'normal';
  await sync('False');
  simulator.behaviour = 'timeout';
  await expect(sync('True', [{ ...record, TrangThaiHoSo: '4' }])).rejects.toThrow(PortalUnavailableError);
  expect(simulator.dossiers.get('H56-1')?.TrangThaiHoSo).toBe('2');
});

test('stale look-ups say the portal does not know a dossier it has', async () => {
  await sync('False');
  simulator.staleLookups = true;
  expect((await client.call('integration', PORTAL_SERVICES.lookUpDossier, { mahoso: 'H56-1' })).data).toEqual(
    [],
  );
});

test('the procedure catalogue answers LayThuTuc', async () => {
  const found = await client.call('sharing', PORTAL_SERVICES.getProcedure, { maTTHC: '1.001193' });
  expect(found.data).toEqual({ maTTHC: '1.001193', tenTTHC: 'Đăng ký khai sinh' });
  // A refusal is sent once more on a new session before it is believed.
  expect(
    (await client.call('sharing', PORTAL_SERVICES.getProcedure, { maTTHC: '9.999999' })).error_code,
  ).toBe(-1);
});
