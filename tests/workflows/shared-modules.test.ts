import fs from 'node:fs';
import path from 'node:path';

// docs/determinism.md, "Shared modules": a domain module a workflow imports at run time is evaluated once
// per worker only when workflows/shared-modules.ts lists it.
const WORKFLOWS = path.resolve(__dirname, '../../workflows');
const SHARED = 'shared-modules.ts';

function runtimeDomainImports(source: string): string[] {
  return [...source.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'(\.\.\/domain\/[^']+)'/gms)].map(
    (match) => match[1],
  );
}

test('every domain module the workflows import at run time is shared', () => {
  const shared = fs.readFileSync(path.join(WORKFLOWS, SHARED), 'utf8');
  const listed = new Set([...shared.matchAll(/^import '(\.\.\/domain\/[^']+)';/gm)].map((match) => match[1]));
  const missing = fs
    .readdirSync(WORKFLOWS)
    .filter((file) => file.endsWith('.ts') && file !== SHARED)
    .flatMap((file) =>
      runtimeDomainImports(fs.readFileSync(path.join(WORKFLOWS, file), 'utf8'))
        .filter((module) => !listed.has(module))
        .map((module) => `${file}: ${module}`),
    );
  expect(missing).toEqual([]);
});
