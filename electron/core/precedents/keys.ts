import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { OpenedWorkspace } from '../db/open-workspace';
import * as t from '../db/schema';
import { UserError } from '../errors';

/**
 * The workspace's Ed25519 key pair for library files. Created on first export and stored in the
 * workspace row (PEM); the private key never leaves the workspace file.
 */
export interface WorkspaceKeys {
  privateKey: crypto.KeyObject;
  publicKey: crypto.KeyObject;
  /** base64 of the SPKI DER encoding — what a library file carries. */
  publicKeyB64: string;
  fingerprint: string;
}

/** SHA-256 of the SPKI DER, as upper-case hex in groups of four ("3F2A 91C0 …"). */
export function fingerprintOf(spkiDer: Buffer): string {
  const hex = crypto.createHash('sha256').update(spkiDer).digest('hex').toUpperCase();
  return hex.match(/.{4}/g)!.join(' ');
}

function spkiOf(key: crypto.KeyObject): Buffer {
  return key.export({ format: 'der', type: 'spki' });
}

function toKeys(privatePem: string, publicPem: string): WorkspaceKeys {
  const privateKey = crypto.createPrivateKey(privatePem);
  const publicKey = crypto.createPublicKey(publicPem);
  const der = spkiOf(publicKey);
  return { privateKey, publicKey, publicKeyB64: der.toString('base64'), fingerprint: fingerprintOf(der) };
}

/** The workspace's keys, or null when nothing has been exported yet. */
export function readWorkspaceKeys(ws: OpenedWorkspace): WorkspaceKeys | null {
  const row = ws.db
    .select({ pub: t.workspace.publicKeyPem, priv: t.workspace.privateKeyPem })
    .from(t.workspace)
    .where(eq(t.workspace.id, 1))
    .get();
  if (!row?.pub || !row.priv) return null;
  return toKeys(row.priv, row.pub);
}

/** The workspace's keys, generated and stored on first use. */
export function ensureWorkspaceKeys(ws: OpenedWorkspace): WorkspaceKeys {
  const existing = readWorkspaceKeys(ws);
  if (existing) return existing;
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
  const publicPem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
  const privatePem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  ws.db.update(t.workspace).set({ publicKeyPem: publicPem, privateKeyPem: privatePem }).where(eq(t.workspace.id, 1)).run();
  return toKeys(privatePem, publicPem);
}

/** Fingerprint of the workspace's own public key, or null if it has none yet. */
export function ownFingerprint(ws: OpenedWorkspace): string | null {
  return readWorkspaceKeys(ws)?.fingerprint ?? null;
}

export interface PublisherKey {
  key: crypto.KeyObject;
  der: Buffer;
  fingerprint: string;
}

/** Reads a publisher key from a file (base64 SPKI DER); refuses anything that is not an Ed25519 public key. */
export function publisherKeyFromBase64(b64: string): PublisherKey {
  const invalid = () => new UserError('Utgivarens nyckel i filen är ogiltig, så filens ursprung kan inte kontrolleras.');
  if (typeof b64 !== 'string' || b64.length === 0 || b64.length > 1000 || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) throw invalid();
  const der = Buffer.from(b64, 'base64');
  let key: crypto.KeyObject;
  try {
    key = crypto.createPublicKey({ key: der, format: 'der', type: 'spki' });
  } catch {
    throw invalid();
  }
  if (key.asymmetricKeyType !== 'ed25519') throw invalid();
  const canonical = spkiOf(key);
  if (!canonical.equals(der)) throw invalid();
  return { key, der, fingerprint: fingerprintOf(der) };
}

export function signBytes(bytes: Buffer, privateKey: crypto.KeyObject): string {
  return crypto.sign(null, bytes, privateKey).toString('base64');
}

export function verifyBytes(bytes: Buffer, signatureB64: string, publicKey: crypto.KeyObject): boolean {
  if (typeof signatureB64 !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(signatureB64)) return false;
  const sig = Buffer.from(signatureB64, 'base64');
  if (sig.length !== 64) return false;
  try {
    return crypto.verify(null, bytes, publicKey, sig);
  } catch {
    return false;
  }
}
