/**
 * `npm run build:workflows`: bundles the workflow code ahead of time into generated/workflow-bundle/
 * under a hash of its sources, and removes the bundles of older sources. Workers run it when their
 * bundle is missing (workers/workflow-bundle.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildWorkflowBundle, workflowBundlePath } from '../workers/workflow-bundle';

async function main(): Promise<void> {
  const codePath = workflowBundlePath();
  if (!fs.existsSync(codePath)) await buildWorkflowBundle(codePath);
  const dir = path.dirname(codePath);
  for (const name of fs.readdirSync(dir)) {
    if (name !== path.basename(codePath) && !name.endsWith('.partial')) fs.rmSync(path.join(dir, name));
  }
  console.log(`workflow bundle: ${path.relative(process.cwd(), codePath)}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
