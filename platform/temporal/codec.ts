import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, type Payload, type PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

/** How an encrypted payload is marked, so that the UI and the CLI know to ask a codec server. */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface PayloadKey {
  id: string;
  /** 32 bytes. */
  key: Buffer;
}

/** A payload sealed with a key this process was not given: the key list lacks an older key. */
export class UnknownPayloadKeyError extends Error {}

/**
 * AES-256-GCM over the whole payload (its metadata too, so that the encoding of the value is hidden as
 * well); the first key seals, every key opens what it sealed. The key id is authenticated data, so a
 * payload relabelled with another id fails to open. Payloads that are not marked encrypted pass through
 * decoding as they are: histories written before encryption was turned on still replay.
 */
export class EncryptionCodec implements PayloadCodec {
  private readonly keys: ReadonlyMap<string, Buffer>;
  private readonly sealing: PayloadKey;

  constructor(keys: readonly PayloadKey[]) {
    if (keys.length === 0) throw new Error('no payload key');
    for (const { id, key } of keys) {
      if (key.length !== 32) throw new Error(`payload key ${id} is ${key.length} bytes, not 32`);
    }
    this.sealing = keys[0];
    this.keys = new Map(keys.map(({ id, key }) => [id, key]));
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.seal(payload));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => (isEncrypted(payload) ? this.open(payload) : payload));
  }

  private seal(payload: Payload): Payload {
    const { id, key } = this.sealing;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, key, iv).setAAD(Buffer.from(id));
    const clear = temporal.api.common.v1.Payload.encode(payload).finish();
    const sealed = Buffer.concat([iv, cipher.update(clear), cipher.final(), cipher.getAuthTag()]);
    return {
      metadata: {
        [METADATA_ENCODING_KEY]: Buffer.from(ENCRYPTED_ENCODING),
        [KEY_ID_METADATA]: Buffer.from(id),
      },
      data: sealed,
    };
  }

  private open(payload: Payload): Payload {
    const id = Buffer.from(payload.metadata?.[KEY_ID_METADATA] ?? []).toString();
    const key = this.keys.get(id);
    if (!key) throw new UnknownPayloadKeyError(`payload sealed with key "${id}", which is not configured`);
    const sealed = Buffer.from(payload.data ?? []);
    const decipher = createDecipheriv(ALGORITHM, key, sealed.subarray(0, IV_BYTES)).setAAD(Buffer.from(id));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    const clear = Buffer.concat([
      decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)),
      decipher.final(),
    ]);
    return temporal.api.common.v1.Payload.decode(clear);
  }
}

function isEncrypted(payload: Payload): boolean {
  const encoding = payload.metadata?.[METADATA_ENCODING_KEY];
  return (
    encoding !== undefined && encoding !== null && Buffer.from(encoding).toString() === ENCRYPTED_ENCODING
  );
}
