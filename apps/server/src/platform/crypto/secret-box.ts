// Seals stored credentials (mail-account passwords, API secrets) with SECRET_KEY: AES-256-GCM, versioned text.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const INFO = 'sahayak secret-box v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const B64URL = /^[A-Za-z0-9_-]*$/;

/**
 * The AES key, derived rather than taken as is: SECRET_KEY is any string of 32+ characters, and a
 * distinct `info` keeps this key apart from whatever else may one day be derived from the same secret.
 */
function deriveKey(secretKey: string): Buffer {
  if (!secretKey) throw new Error('secret-box: SECRET_KEY is empty');
  return Buffer.from(hkdfSync('sha256', secretKey, Buffer.alloc(0), INFO, 32));
}

/** `v1.<iv>.<tag>.<ciphertext>`, each base64url; a fresh IV every time, so equal secrets never look equal. */
export function sealSecret(plain: string, secretKey: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(secretKey), iv);
  // The version is authenticated too: a v1 body relabelled as some later version must not open.
  cipher.setAAD(Buffer.from(VERSION));
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString('base64url'), tag.toString('base64url'), ciphertext.toString('base64url')].join('.');
}

/** The plain text of a value made by sealSecret; throws if it was altered, the key differs or the format is wrong. */
export function openSecret(sealed: string, secretKey: string): string {
  const parts = sealed.split('.');
  if (parts.length !== 4 || parts[0] !== VERSION || !parts.slice(1).every((p) => B64URL.test(p))) {
    throw new Error(`secret-box: not a sealed secret (expected "${VERSION}.<iv>.<tag>.<ciphertext>")`);
  }
  const iv = Buffer.from(parts[1]!, 'base64url');
  const tag = Buffer.from(parts[2]!, 'base64url');
  const ciphertext = Buffer.from(parts[3]!, 'base64url');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new Error('secret-box: not a sealed secret (IV or tag has the wrong length)');
  }
  const decipher = createDecipheriv('aes-256-gcm', deriveKey(secretKey), iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(VERSION));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    throw new Error('secret-box: cannot open the sealed secret (wrong SECRET_KEY, or the value was altered)');
  }
}
