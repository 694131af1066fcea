import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * The citizen's access code between reception and the receipt message. The API draws it and the worker
 * sends the message, and Temporal must not carry it (every staff member the codec server admits reads
 * histories), so the read model holds it sealed: AES-256-GCM under a key derived from the access-code
 * pepper, bound to its dossier, until the notify activity has sent the receipt message and wiped it.
 */
function sealKey(pepper: Uint8Array): Buffer {
  return Buffer.from(hkdfSync('sha256', pepper, Buffer.alloc(0), 'motcua access-code seal', 32));
}

export function sealAccessCode(pepper: Uint8Array, dossierCode: string, accessCode: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealKey(pepper), iv).setAAD(Buffer.from(dossierCode));
  const sealed = Buffer.concat([cipher.update(accessCode, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), sealed].map((b) => b.toString('base64url')).join('.');
}

export function openAccessCode(pepper: Uint8Array, dossierCode: string, sealed: string): string {
  const [iv, tag, data] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
  const decipher = createDecipheriv('aes-256-gcm', sealKey(pepper), iv)
    .setAAD(Buffer.from(dossierCode))
    .setAuthTag(tag);
  return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
}
