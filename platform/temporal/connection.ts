import fs from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import type { TLSConfig } from '@temporalio/common/lib/internal-non-workflow';
import { NativeConnection } from '@temporalio/worker';
import type { Config } from '../config/config';

/** Address, TLS and API key of the cluster, the same for the API's client and the worker's connection. */
interface TemporalConnectionOptions {
  address: string;
  tls?: TLSConfig;
  apiKey?: string;
}

export function temporalConnectionOptions(
  config: Config,
  address = config.TEMPORAL_ADDRESS,
): TemporalConnectionOptions {
  if (!address) throw new Error('no Temporal address: set TEMPORAL_ADDRESS or run the embedded stack');
  const read = (file?: string) => (file ? fs.readFileSync(file) : undefined);
  const cert = read(config.TEMPORAL_TLS_CLIENT_CERT_PATH);
  const key = read(config.TEMPORAL_TLS_CLIENT_KEY_PATH);
  const ca = read(config.TEMPORAL_TLS_SERVER_CA_CERT_PATH);
  const tls =
    config.TEMPORAL_TLS || cert || ca || config.TEMPORAL_API_KEY
      ? { clientCertPair: cert && key ? { crt: cert, key } : undefined, serverRootCACertificate: ca }
      : undefined;
  return { address, tls, apiKey: config.TEMPORAL_API_KEY };
}

export async function connectClient(config: Config, address?: string): Promise<Client> {
  const connection = await Connection.connect(temporalConnectionOptions(config, address));
  return new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
}

export async function connectWorker(config: Config, address?: string): Promise<NativeConnection> {
  return NativeConnection.connect(temporalConnectionOptions(config, address));
}
