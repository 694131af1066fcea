import { GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { isSha256, sha256Of, type DocumentStore } from './store';

export interface S3StoreOptions {
  bucket: string;
  /** An S3-compatible server (MinIO, Ceph, a provider's); unset: AWS itself. */
  endpoint?: string;
  region: string;
  /** Bucket in the path rather than the host name, as most S3-compatible servers want. */
  forcePathStyle: boolean;
  /** Unset: the SDK's own chain (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a profile, a role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** A prefix of the object keys, e.g. `documents/`. */
  prefix?: string;
}

/**
 * Documents as objects of an S3-compatible bucket, keyed by their hash. A PutObject is atomic (an object
 * appears whole or not at all), and its SHA-256 checksum makes the server refuse bytes damaged on the way.
 */
export function s3DocumentStore(options: S3StoreOptions): DocumentStore {
  const client = new S3Client({
    endpoint: options.endpoint,
    region: options.region,
    forcePathStyle: options.forcePathStyle,
    credentials: options.credentials,
  });
  const keyOf = (sha256: string) => `${options.prefix ?? ''}${sha256}`;
  return {
    description: `S3 bucket ${options.bucket}${options.endpoint ? ` at ${options.endpoint}` : ''}`,
    async put(bytes) {
      const sha256 = sha256Of(bytes);
      await client.send(
        new PutObjectCommand({
          Bucket: options.bucket,
          Key: keyOf(sha256),
          Body: bytes,
          ContentLength: bytes.length,
          ChecksumSHA256: Buffer.from(sha256, 'hex').toString('base64'),
        }),
      );
      return { sha256, size: bytes.length };
    },
    async get(sha256) {
      if (!isSha256(sha256)) return undefined;
      try {
        const object = await client.send(
          new GetObjectCommand({ Bucket: options.bucket, Key: keyOf(sha256) }),
        );
        if (!object.Body) return undefined;
        return Buffer.from(await object.Body.transformToByteArray());
      } catch (err) {
        if (err instanceof NoSuchKey) return undefined;
        throw err;
      }
    },
  };
}
