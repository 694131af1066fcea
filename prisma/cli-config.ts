import { defineConfig } from 'prisma/config';
import { createAdapter, databaseProvider, type Provider } from './adapters';

// For commands that need no database (generate, diffs of schemas): Prisma 6 checks the schema's
// datasource URL against the provider and instantiates the adapter even then.
const OFFLINE_URLS: Record<Provider, string> = {
  sqlite: 'file::memory:',
  postgresql: 'postgresql://localhost.invalid/offline',
};

/**
 * The Prisma CLI's configuration for one provider: the JavaScript schema engine with a driver adapter
 * keeps `generate` and `migrate diff` offline (no engine download). Commands that touch a database
 * take it from DATABASE_URL.
 */
export function cliConfig(provider: Provider) {
  process.env.PRISMA_SCHEMA_URL = OFFLINE_URLS[provider];
  return defineConfig({
    experimental: { adapter: true },
    engine: 'js',
    schema: `prisma/${provider}/schema.prisma`,
    migrations: { path: `prisma/${provider}/migrations` },
    async adapter() {
      const url = process.env.DATABASE_URL ?? OFFLINE_URLS[provider];
      if (databaseProvider(url) !== provider) throw new Error(`DATABASE_URL is not a ${provider} URL`);
      return createAdapter(url);
    },
  });
}
