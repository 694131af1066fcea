import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { isSha256, sha256Of, type DocumentStore } from './store';

/**
 * Documents as files under a folder (by default `documents/` of MOTCUA_DATA_DIR), two levels deep by the
 * hash's first characters. Each file is written under a temporary name in the same folder, flushed, then
 * renamed: a crash leaves at most a stray temporary file, never a partial file under a hash.
 */
export function localDocumentStore(root: string): DocumentStore {
  const fileOf = (sha256: string) => path.join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  return {
    description: `local folder ${root}`,
    async put(bytes) {
      const sha256 = sha256Of(bytes);
      const target = fileOf(sha256);
      if (await exists(target)) return { sha256, size: bytes.length };
      await fs.mkdir(path.dirname(target), { recursive: true });
      const temporary = `${target}.${randomUUID()}.partial`;
      try {
        const handle = await fs.open(temporary, 'wx', 0o600);
        try {
          await handle.writeFile(bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await fs.rename(temporary, target);
      } catch (err) {
        await fs.rm(temporary, { force: true });
        throw err;
      }
      return { sha256, size: bytes.length };
    },
    async get(sha256) {
      if (!isSha256(sha256)) return undefined;
      return fs.readFile(fileOf(sha256)).catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return undefined;
        throw err;
      });
    },
  };
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}
