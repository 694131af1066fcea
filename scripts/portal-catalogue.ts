/**
 * `npm run portal:catalogue`: asks the national portal's catalogue (`LayThuTuc`) for every shipped
 * procedure that carries a national code and prints where name, deadline or fees differ. Without
 * MOTCUA_PORTAL_URL it asks the simulator, which is given the shipped data with one deliberate difference.
 * A report, not a gate: it exits 1 only when the portal cannot be asked.
 */
import { z } from 'zod';
import { createPortalClient, portalConnectionOf, type PortalConnection } from '../activities/portal/client';
import { catalogueDifferences, type PortalCatalogueProcedure } from '../domain/portal/catalogue';
import { PORTAL_SERVICES, succeeded } from '../domain/portal/transport';
import { loadConfig } from '../platform/config/config';
import { catalogueWithOneDifference, startPortalSimulator } from '../platform/dev/portal-simulator';
import { loadProcedures } from '../procedures';

const CatalogueEntry: z.ZodType<PortalCatalogueProcedure> = z.object({
  maTTHC: z.string(),
  tenTTHC: z.string(),
  thoiHanGiaiQuyet: z.string().optional(),
  phiLePhi: z.array(z.object({ tenPhiLePhi: z.string(), mucPhi: z.coerce.string() })).optional(),
});

const FIELD_LABELS = { name: 'tên', deadline: 'thời hạn', fees: 'phí, lệ phí' } as const;

async function main(): Promise<void> {
  const procedures = loadProcedures().filter((p) => p.nationalCode !== undefined);
  let connection = portalConnectionOf(loadConfig());
  let stop = async () => {};
  if (!connection) {
    const simulator = await startPortalSimulator({ catalogue: catalogueWithOneDifference(procedures) });
    stop = simulator.stop;
    connection = {
      baseUrl: simulator.url,
      username: simulator.username,
      password: simulator.password,
      unitCode: 'simulator',
      timeoutMs: 5_000,
    } satisfies PortalConnection;
    console.log(`No MOTCUA_PORTAL_URL: asking the national-portal simulator at ${simulator.url}`);
  }
  const client = createPortalClient(connection);
  let differing = 0;
  try {
    for (const procedure of procedures) {
      const answer = await client.call('sharing', PORTAL_SERVICES.getProcedure, {
        maTTHC: procedure.nationalCode,
      });
      const entry = CatalogueEntry.safeParse(answer.data);
      if (!succeeded(answer) || !entry.success) {
        differing++;
        console.log(
          `${procedure.nationalCode} ${procedure.name}: not in the portal's catalogue (${answer.message ?? answer.error_code})`,
        );
        continue;
      }
      const differences = catalogueDifferences(procedure, entry.data);
      if (differences.length === 0) {
        console.log(`${procedure.nationalCode} ${procedure.name}: same`);
        continue;
      }
      differing++;
      console.log(`${procedure.nationalCode} ${procedure.name}:`);
      for (const d of differences) {
        console.log(`  ${FIELD_LABELS[d.field]}: ours "${d.local}", portal "${d.portal}"`);
      }
    }
  } finally {
    await stop();
  }
  console.log(`${procedures.length} procedures checked, ${differing} differ from the portal's catalogue`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
