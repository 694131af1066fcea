import fs from 'node:fs';
import path from 'node:path';

export const SQLITE_SCHEMA = path.join(__dirname, 'sqlite', 'schema.prisma');
export const POSTGRESQL_SCHEMA = path.join(__dirname, 'postgresql', 'schema.prisma');

const HEADER =
  '// Derived from prisma/sqlite/schema.prisma by `npx tsx prisma/derive-postgresql.ts`: edit that file,\n' +
  '// never this one (tests/persistence/schema.test.ts fails when they drift apart).\n';

/** The provider's name appears twice: in the datasource and in the generated client's folder. */
const PROVIDER_LINES: ReadonlyArray<readonly [string, string]> = [
  ['provider = "sqlite"', 'provider = "postgresql"'],
  ['output       = "../../generated/sqlite"', 'output       = "../../generated/postgresql"'],
];

/** The source schema with its leading comment replaced by HEADER and the provider swapped. */
export function derivePostgresqlSchema(source: string): string {
  const body = source.slice(source.indexOf('\ngenerator ') + 1);
  return PROVIDER_LINES.reduce((schema, [from, to]) => {
    if (schema.split(from).length !== 2) {
      throw new Error(`expected exactly one "${from}" in the source schema`);
    }
    return schema.replace(from, to);
  }, `${HEADER}\n${body}`);
}

if (require.main === module) {
  fs.mkdirSync(path.dirname(POSTGRESQL_SCHEMA), { recursive: true });
  fs.writeFileSync(POSTGRESQL_SCHEMA, derivePostgresqlSchema(fs.readFileSync(SQLITE_SCHEMA, 'utf8')));
  console.log(`wrote ${path.relative(process.cwd(), POSTGRESQL_SCHEMA)}`);
}
