import type { Connection } from '@temporalio/client';
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import { DOSSIER_SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';

/**
 * Registers the dossier search attributes on a server that lacks them: an external cluster at first
 * deployment, or a time-skipping test server (the dev server gets them as start-up flags).
 */
export async function registerSearchAttributes(connection: Connection, namespace: string): Promise<void> {
  const existing = await connection.operatorService
    .listSearchAttributes({ namespace })
    .then((r) => ({ ...r.customAttributes }))
    .catch(() => ({}) as Record<string, unknown>);
  const missing = DOSSIER_SEARCH_ATTRIBUTES.filter((key) => !(key.name in existing));
  if (missing.length === 0) return;
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(
      missing.map((key) => [key.name, encodeSearchAttributeIndexedValueType(key.type)!]),
    ),
  });
}
