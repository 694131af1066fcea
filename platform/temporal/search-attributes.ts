import type { Connection } from '@temporalio/client';
import type { SearchAttributeType } from '@temporalio/common';
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';

/**
 * Registers search attributes on a server that lacks them: an external cluster at first deployment, or a
 * time-skipping test server (the dev server gets them as start-up flags). The caller names the keys, so
 * that infrastructure does not depend on the workflows that define them.
 */
export async function registerSearchAttributes(
  connection: Connection,
  namespace: string,
  keys: ReadonlyArray<{ name: string; type: SearchAttributeType }>,
): Promise<void> {
  const existing = await connection.operatorService
    .listSearchAttributes({ namespace })
    .then((r) => ({ ...r.customAttributes }))
    .catch(() => ({}));
  const missing = keys.filter((key) => !(key.name in existing));
  if (missing.length === 0) return;
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(
      missing.map((key) => [key.name, encodeSearchAttributeIndexedValueType(key.type)!]),
    ),
  });
}
