import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The Go binaries of the cluster, built from the Go module proxy by `npm run cluster:install` into a
 * git-ignored folder. Pinned here once: the install step builds these versions and the cluster start
 * refuses binaries of any other.
 */
export const CLUSTER_DIR = path.resolve(__dirname, '..', '.cluster');
export const BIN_DIR = path.join(CLUSTER_DIR, 'bin');

export interface GoBinary {
  /** File name under .cluster/bin. */
  name: string;
  /** What it is, for messages. */
  title: string;
  /** Go module and the version it is pinned to. */
  module: string;
  version: string;
  /** Package of the command; `go install` names its binary after the last element. */
  command: string;
  /** False when the cluster runs without it (the Web UI). */
  required: boolean;
}

export const TEMPORAL_SERVER: GoBinary = {
  name: 'temporal-server',
  title: 'Temporal server',
  module: 'go.temporal.io/server',
  version: 'v1.32.0',
  command: 'go.temporal.io/server/cmd/server',
  required: true,
};

export const TEMPORAL_SQL_TOOL: GoBinary = {
  name: 'temporal-sql-tool',
  title: 'Temporal SQL schema tool',
  module: 'go.temporal.io/server',
  version: TEMPORAL_SERVER.version,
  command: 'go.temporal.io/server/cmd/tools/sql',
  required: true,
};

export const TEMPORAL_UI_SERVER: GoBinary = {
  name: 'temporal-ui-server',
  title: 'Temporal Web UI server',
  module: 'github.com/temporalio/ui-server/v2',
  version: 'v2.54.1',
  command: 'github.com/temporalio/ui-server/v2/cmd/server',
  required: false,
};

export const CLUSTER_BINARIES = [TEMPORAL_SERVER, TEMPORAL_SQL_TOOL, TEMPORAL_UI_SERVER] as const;

export function binaryPath(binary: GoBinary): string {
  return path.join(BIN_DIR, binary.name);
}

/** The module version a built binary carries (`go version -m`), or undefined when there is none. */
export function builtVersion(binary: GoBinary): string | undefined {
  const file = binaryPath(binary);
  if (!fs.existsSync(file)) return undefined;
  try {
    const info = execFileSync('go', ['version', '-m', file], { encoding: 'utf8' });
    return info.match(/^\s*mod\s+(\S+)\s+(\S+)/m)?.[2];
  } catch {
    return undefined;
  }
}
