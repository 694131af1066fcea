import { openDatabase } from '../../platform/database/client';
import { nextDossierCode } from '../../platform/database/dossier-codes';

/**
 * A second process drawing dossier codes, as the worker does beside the API:
 * `node -r tsx/cjs tests/persistence/draw-codes.ts <url> <agencyIdentifier> <iso time> <count>`.
 * Prints "ready" once connected, then the codes as one JSON line.
 */
async function main([url, identifier, at, count]: string[]): Promise<void> {
  const database = await openDatabase(url);
  try {
    console.log('ready');
    const codes: string[] = [];
    for (let i = 0; i < Number(count); i += 1)
      codes.push(await nextDossierCode(database.prisma, identifier, new Date(at)));
    console.log(JSON.stringify(codes));
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
