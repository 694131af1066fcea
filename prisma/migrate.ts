import { migrateDatabase } from '../platform/database/migrations';

/** `npx tsx prisma/migrate.ts`: applies the committed migrations to DATABASE_URL (deploy step). */
async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('set DATABASE_URL (file:… or postgresql://…)');
  const applied = await migrateDatabase(url);
  console.log(applied.length ? `applied ${applied.join(', ')}` : 'the database is up to date');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
