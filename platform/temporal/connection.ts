import { Client, Connection } from '@temporalio/client';
import { loadClientConnectConfig } from '@temporalio/envconfig';
import { NativeConnection, type NativeConnectionOptions } from '@temporalio/worker';
import type { Config } from '../config/config';
import { encryptedDataConverter, payloadKeys } from './encryption';

/**
 * Address, TLS and API key of the cluster, the same for the API's client and the worker's connection,
 * read by Temporal's own envconfig from the standard variables (TEMPORAL_ADDRESS, TEMPORAL_API_KEY,
 * TEMPORAL_TLS, TEMPORAL_TLS_*). `address` overrides the variable for the embedded dev server.
 */
export function temporalConnectionOptions(config: Config, address?: string): NativeConnectionOptions {
  const { connectionOptions } = loadClientConnectConfig({
    // The README's variables only: a developer's personal temporal.toml must not redirect the stack.
    disableFile: true,
    overrideEnvVars: config.temporalEnv,
  });
  const target = address ?? connectionOptions.address;
  if (!target) throw new Error('no Temporal address: set TEMPORAL_ADDRESS or run the embedded stack');
  return { ...connectionOptions, address: target };
}

export async function connectClient(config: Config, address?: string): Promise<Client> {
  const connection = await Connection.connect(temporalConnectionOptions(config, address));
  return new Client({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    dataConverter: encryptedDataConverter(payloadKeys(config)),
  });
}

export async function connectWorker(config: Config, address?: string): Promise<NativeConnection> {
  return NativeConnection.connect(temporalConnectionOptions(config, address));
}
