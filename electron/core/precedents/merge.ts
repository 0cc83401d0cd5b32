import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { OpenedWorkspace } from '../db/open-workspace';
import { backupWorkspace } from '../db/backup';
import * as t from '../db/schema';
import { UserError } from '../errors';
import { audit, readSettings } from '../workspace/workspace';
import { canonicalize } from './canonical-json';
import { ownFingerprint, type PublisherKey } from './keys';
import { normalizeKey } from '../../../shared/text';
import { redactPseudonyms } from '../privacy/pnr';
import { precedentToFile, pseudonymiseReceived, readLibraryFile, readProfilesFile, type FileInput, type VerifiedFile } from './library-file';
import { tolerantLibrarySchemas, type LibraryFile, type LibraryPrecedent, type ProfilesFile } from '../../../shared/domain/library-file';

type PrecedentRow = typeof t.precedents.$inferSelect;

// ---------------------------------------------------------------------------------------------
// Publisher keys
// ---------------------------------------------------------------------------------------------

export interface PublisherInfo {
  name: string;
  delregion: string;
  fingerprint: string;
  /** The key is remembered in trusted_keys, or is this workspace's own key. */
  trusted: boolean;
  own: boolean;
  /** A key is trusted for the same publisher name/delregion, but not this one (key rotation or impostor). */
  knownPublisherWithOtherKey: boolean;
}

export function publisherInfo(ws: OpenedWorkspace, pub: { name: string; delregion: string }, key: PublisherKey): PublisherInfo {
  const own = ownFingerprint(ws) === key.fingerprint;
  const trustedRow = ws.db.select().from(t.trustedKeys).where(eq(t.trustedKeys.fingerprint, key.fingerprint)).get();
  const same = ws.db
    .select({ fp: t.trustedKeys.fingerprint })
    .from(t.trustedKeys)
    .where(and(eq(t.trustedKeys.publisherName, pub.name), eq(t.trustedKeys.delregion, pub.delregion)))
    .all();
  return {
    name: pub.name,
    delregion: pub.delregion,
    fingerprint: key.fingerprint,
    trusted: own || !!trustedRow,
    own,
    knownPublisherWithOtherKey: !own && !trustedRow && same.some((r) => r.fp !== key.fingerprint),
  };
}

function requireTrust(info: PublisherInfo, trustPublisher: boolean | undefined): boolean {
  if (info.trusted) return false;
  if (!trustPublisher) {
    throw new UserError(
      info.knownPublisherWithOtherKey
        ? `${info.name} (${info.delregion}) har en ny nyckel med fingeravtrycket ${info.fingerprint}; kontrollera den med avsändaren och bekräfta att du litar på den innan filen läses in.`
        : `Utgivaren ${info.name} (${info.delregion}) med fingeravtrycket ${info.fingerprint} är inte betrodd ännu; bekräfta att du litar på nyckeln innan filen läses in.`,
      'CONFLICT',
      { fingerprint: info.fingerprint },
    );
  }
  return true;
}

function rememberKey(ws: OpenedWorkspace, pub: { name: string; delregion: string }, key: PublisherKey, now: Date): void {
  ws.db
    .insert(t.trustedKeys)
    .values({ fingerprint: key.fingerprint, publicKey: key.der.toString('base64'), publisherName: pub.name, delregion: pub.delregion, trustedAt: now.toISOString() })
    .onConflictDoNothing()
    .run();
}

export function listTrustedKeys(ws: OpenedWorkspace) {
  return ws.db.select().from(t.trustedKeys).orderBy(t.trustedKeys.publisherName, t.trustedKeys.trustedAt).all();
}

export function forgetKey(ws: OpenedWorkspace, fingerprint: string): boolean {
  return ws.db.delete(t.trustedKeys).where(eq(t.trustedKeys.fingerprint, fingerprint)).run().changes > 0;
}

// ---------------------------------------------------------------------------------------------
// Precedent merge
// ---------------------------------------------------------------------------------------------

export type MergeStatus = 'new' | 'updated' | 'identical' | 'conflict' | 'older';

export interface MergeItem {
  id: string;
  title: string;
  kind: LibraryPrecedent['kind'];
  area: string;
  status: MergeStatus;
  theirRevision: number;
  localRevision: number | null;
  /** For conflicts: the same incoming revision is already stored, waiting for a decision. */
  conflictPending: boolean;
  origin: { delregion: string; publisher: string };
}

export interface LibraryPreview {
  format: 'samsyn-precedent-library';
  exportedAt: string;
  publisher: PublisherInfo;
  counts: Record<MergeStatus, number> & { total: number };
  items: MergeItem[];
  unknownKeys: string[];
  /** Identity numbers in the file's texts, replaced by this workspace's tokens. */
  pseudonymised: number;
}

/**
 * The content that defines "the same precedent" (what is compared for equality), as it would be
 * published: a pseudonym token and "[uppgift borttagen]" are the same (precedentToFile redacts
 * our copy; a received copy holds this workspace's tokens for the numbers its file carried).
 */
function contentKey(p: LibraryPrecedent): string {
  const { lessons, ...rest } = p;
  return redactPseudonyms(canonicalize({ ...rest, lessons: lessons.map((l) => ({ text: l.text, cause: l.cause, date: l.date })) })).text;
}

/**
 * Classifies one incoming precedent against this workspace.
 * - new: no precedent with this id here
 * - identical: the same content, or the revision we last received from its origin
 * - older: an earlier version of what is here (nothing to do)
 * - updated: a higher revision from the same origin, and ours is unedited since we received it
 * - conflict: both sides changed since the common revision, or another origin sends a different
 *   version of a precedent received from someone else — kept side by side, never overwritten
 * Precedents that originate here (no base revision) are never overwritten by someone else's copy.
 */
export function classify(
  ws: OpenedWorkspace,
  local: PrecedentRow | undefined,
  theirs: LibraryPrecedent,
  pending: { theirRevision: number } | undefined,
): { status: MergeStatus; pending: boolean } {
  if (!local) return { status: 'new', pending: false };
  const alreadyPending = !!pending && pending.theirRevision >= theirs.revision;
  const conflict = { status: 'conflict' as const, pending: alreadyPending };
  const sameContent = () => contentKey(precedentToFile(ws, local)) === contentKey(theirs);
  if (local.baseRevision != null) {
    // A copy received earlier: only its origin (LIBRARY.md "from the same origin") updates it.
    const sameOrigin = local.originDelregion === theirs.origin.delregion && local.originPublisher === theirs.origin.publisher;
    if (!sameOrigin) return sameContent() ? { status: 'identical', pending: false } : conflict;
    if (theirs.revision < local.baseRevision) return { status: 'older', pending: false };
    if (theirs.revision === local.baseRevision) {
      // the same revision with other content (a change the origin did not count): take it while
      // ours is unedited; after a local edit ours is the newer one
      if (local.locallyEdited || sameContent()) return { status: 'identical', pending: false };
      return { status: 'updated', pending: false };
    }
    if (!local.locallyEdited) return { status: 'updated', pending: false };
    return conflict;
  }
  // Our own precedent (or one written here): compare content first.
  if (sameContent()) return { status: 'identical', pending: false };
  if (theirs.revision < local.revision && theirs.updatedAt <= local.updatedAt) return { status: 'older', pending: false };
  // a higher or equal revision with other content, or a lower one edited after our latest edit:
  // someone edited a copy of ours
  return conflict;
}

function emptyCounts(): LibraryPreview['counts'] {
  return { new: 0, updated: 0, identical: 0, conflict: 0, older: 0, total: 0 };
}

interface Plan {
  preview: LibraryPreview;
  locals: Map<string, PrecedentRow>;
  pending: Map<string, typeof t.precedentConflicts.$inferSelect>;
}

/**
 * The verified file with every identity number in its texts replaced by this workspace's token
 * (library-file.ts pseudonymiseReceived): what is classified, shown and stored is the cleaned copy.
 */
function receiveLibraryFile(ws: OpenedWorkspace, input: FileInput): { file: VerifiedFile<LibraryFile>; pseudonymised: number } {
  const file = readLibraryFile(input);
  let pseudonymised = 0;
  const precedents = file.doc.precedents.map((p) => {
    const r = pseudonymiseReceived(ws, p);
    pseudonymised += r.replaced;
    return r.precedent;
  });
  return { file: { ...file, doc: { ...file.doc, precedents } }, pseudonymised };
}

/** Local rows for the file's ids (in chunks) and all open conflicts: a few queries, not one per precedent. */
function plan(ws: OpenedWorkspace, file: VerifiedFile<LibraryFile>, pseudonymised: number): Plan {
  const locals = new Map<string, PrecedentRow>();
  const ids = file.doc.precedents.map((p) => p.id);
  for (let i = 0; i < ids.length; i += 500) {
    for (const r of ws.db.select().from(t.precedents).where(inArray(t.precedents.id, ids.slice(i, i + 500))).all()) locals.set(r.id, r);
  }
  const pending = new Map<string, typeof t.precedentConflicts.$inferSelect>();
  for (const c of ws.db.select().from(t.precedentConflicts).where(isNull(t.precedentConflicts.resolvedAt)).orderBy(t.precedentConflicts.id).all()) {
    pending.set(c.precedentId, c);
  }
  const counts = emptyCounts();
  const items: MergeItem[] = [];
  for (const p of file.doc.precedents) {
    const local = locals.get(p.id);
    const { status, pending: isPending } = classify(ws, local, p, pending.get(p.id));
    counts[status]++;
    counts.total++;
    items.push({
      id: p.id,
      title: p.title,
      kind: p.kind,
      area: p.area,
      status,
      theirRevision: p.revision,
      localRevision: local?.revision ?? null,
      conflictPending: isPending,
      origin: p.origin,
    });
  }
  const preview: LibraryPreview = {
    format: 'samsyn-precedent-library',
    exportedAt: file.doc.exportedAt,
    publisher: publisherInfo(ws, file.doc.publisher, file.publisher),
    counts,
    items,
    unknownKeys: file.unknownKeys.slice(0, 100),
    pseudonymised,
  };
  return { preview, locals, pending };
}

/** Reads, verifies and classifies a library file. Changes nothing. */
export function previewLibrary(ws: OpenedWorkspace, input: FileInput): LibraryPreview {
  const { file, pseudonymised } = receiveLibraryFile(ws, input);
  return plan(ws, file, pseudonymised).preview;
}

function contentValues(p: LibraryPrecedent) {
  return {
    kind: p.kind,
    revision: p.revision,
    updatedAt: p.updatedAt,
    title: p.title,
    area: p.area,
    agreementRefs: p.agreementRefs,
    tags: p.tags,
    facts: p.facts,
    question: p.question,
    resolution: p.resolution,
    principle: p.principle,
    decisionPoints: p.decisionPoints,
    status: p.status,
    supersededBy: p.supersededBy,
    decidedAt: p.decidedAt,
    originDelregion: p.origin.delregion,
    originPublisher: p.origin.publisher,
    caseHash: p.caseHash,
    importedLessons: p.lessons.map((l) => ({ text: l.text, cause: l.cause, date: l.date })),
    baseRevision: p.revision,
    locallyEdited: false,
  };
}

export interface LibraryApplyResult {
  preview: LibraryPreview;
  applied: { inserted: number; updated: number; conflictsStored: number; publisherTrusted: boolean };
  backupPath: string | null;
}

/**
 * Verifies the file again, then applies new and updated precedents and stores conflicts — all in
 * one transaction, after a backup. Importing the same file twice changes nothing the second time.
 */
export async function applyLibrary(
  ws: OpenedWorkspace,
  input: FileInput,
  opts: { trustPublisher?: boolean; now: Date; dryRun?: boolean },
): Promise<LibraryApplyResult> {
  const { file, pseudonymised } = receiveLibraryFile(ws, input);
  const { preview } = plan(ws, file, pseudonymised);
  const trustNow = requireTrust(preview.publisher, opts.trustPublisher);
  const hasWork = (items: MergeItem[]) => items.some((i) => i.status === 'new' || i.status === 'updated' || (i.status === 'conflict' && !i.conflictPending));
  const applied = { inserted: 0, updated: 0, conflictsStored: 0, publisherTrusted: trustNow };
  if (opts.dryRun || (!hasWork(preview.items) && !trustNow)) return { preview, applied: { ...applied, publisherTrusted: false }, backupPath: null };
  const backupPath = await backupWorkspace(ws.sqlite, ws.path, 'fore-biblioteksimport');
  const user = readSettings(ws).userName;
  const nowIso = opts.now.toISOString();
  ws.sqlite.transaction(() => {
    if (trustNow) rememberKey(ws, file.doc.publisher, file.publisher, opts.now);
    // Classified again inside the transaction: what is written is what the data says now.
    const now = plan(ws, file, pseudonymised);
    file.doc.precedents.forEach((theirs, i) => {
      const { status, conflictPending } = now.preview.items[i]!;
      const local = now.locals.get(theirs.id);
      if (status === 'new') {
        ws.db
          .insert(t.precedents)
          .values({ id: theirs.id, ...contentValues(theirs), originKeyFingerprint: file.publisher.fingerprint, createdAt: nowIso })
          .run();
        applied.inserted++;
      } else if (status === 'updated') {
        ws.db
          .update(t.precedents)
          .set({ ...contentValues(theirs), originKeyFingerprint: file.publisher.fingerprint })
          .where(eq(t.precedents.id, local!.id))
          .run();
        applied.updated++;
      } else if (status === 'conflict' && !conflictPending) {
        const open = now.pending.get(local!.id);
        const values = { theirs: theirs as unknown as object, theirRevision: theirs.revision, publisherFingerprint: file.publisher.fingerprint, receivedAt: nowIso };
        if (open) ws.db.update(t.precedentConflicts).set(values).where(eq(t.precedentConflicts.id, open.id)).run();
        else ws.db.insert(t.precedentConflicts).values({ precedentId: local!.id, ...values }).run();
        applied.conflictsStored++;
      }
    });
    audit(ws, user, 'library', file.publisher.fingerprint, 'import', {
      publisher: file.doc.publisher.name,
      delregion: file.doc.publisher.delregion,
      exportedAt: file.doc.exportedAt,
      ...applied,
    });
  })();
  return { preview, applied, backupPath };
}

// ---------------------------------------------------------------------------------------------
// Conflicts: keep mine / take theirs
// ---------------------------------------------------------------------------------------------

export interface ConflictView {
  id: number;
  precedentId: string;
  title: string;
  mine: LibraryPrecedent;
  theirs: LibraryPrecedent;
  theirRevision: number;
  publisherFingerprint: string;
  receivedAt: string;
}

function parseTheirs(raw: unknown): LibraryPrecedent {
  const v = typeof raw === 'string' ? (JSON.parse(raw) as unknown) : raw;
  return tolerantLibrarySchemas.precedent.parse(v) as LibraryPrecedent;
}

export function listConflicts(ws: OpenedWorkspace): ConflictView[] {
  const rows = ws.db.select().from(t.precedentConflicts).where(isNull(t.precedentConflicts.resolvedAt)).orderBy(t.precedentConflicts.id).all();
  const out: ConflictView[] = [];
  for (const c of rows) {
    const local = ws.db.select().from(t.precedents).where(eq(t.precedents.id, c.precedentId)).get();
    if (!local) continue;
    out.push({
      id: c.id,
      precedentId: c.precedentId,
      title: local.title,
      mine: precedentToFile(ws, local),
      theirs: parseTheirs(c.theirs),
      theirRevision: c.theirRevision,
      publisherFingerprint: c.publisherFingerprint,
      receivedAt: c.receivedAt,
    });
  }
  return out;
}

/**
 * keep 'mine': our version stays and becomes a new revision above theirs (so it wins when sent back);
 * take 'theirs': their version replaces ours. Either way the incoming revision becomes the common base.
 */
export function resolveConflict(ws: OpenedWorkspace, conflictId: number, keep: 'mine' | 'theirs', now: Date): { precedentId: string; resolution: 'mine' | 'theirs'; revision: number } {
  const c = ws.db.select().from(t.precedentConflicts).where(eq(t.precedentConflicts.id, conflictId)).get();
  if (!c) throw new UserError(`Konflikten ${conflictId} finns inte.`, 'NOT_FOUND');
  if (c.resolvedAt) throw new UserError(`Konflikten ${conflictId} är redan löst (${c.resolution === 'mine' ? 'behåll min' : 'ta deras'}).`, 'CONFLICT');
  const local = ws.db.select().from(t.precedents).where(eq(t.precedents.id, c.precedentId)).get();
  if (!local) throw new UserError('Det vägledande fallet som konflikten gäller finns inte längre.', 'NOT_FOUND');
  const theirs = parseTheirs(c.theirs);
  const nowIso = now.toISOString();
  let revision = local.revision;
  ws.sqlite.transaction(() => {
    if (keep === 'mine') {
      revision = Math.max(local.revision, theirs.revision) + 1;
      ws.db
        .update(t.precedents)
        .set({ revision, updatedAt: nowIso, baseRevision: theirs.revision, locallyEdited: true })
        .where(eq(t.precedents.id, local.id))
        .run();
    } else {
      revision = theirs.revision;
      ws.db
        .update(t.precedents)
        .set({ ...contentValues(theirs), originKeyFingerprint: c.publisherFingerprint })
        .where(eq(t.precedents.id, local.id))
        .run();
    }
    ws.db.update(t.precedentConflicts).set({ resolvedAt: nowIso, resolution: keep }).where(eq(t.precedentConflicts.id, c.id)).run();
    audit(ws, readSettings(ws).userName, 'precedent', local.id, keep === 'mine' ? 'conflict-keep-mine' : 'conflict-take-theirs', { conflictId, theirRevision: theirs.revision });
  })();
  return { precedentId: local.id, resolution: keep, revision };
}

// ---------------------------------------------------------------------------------------------
// Mapping profiles and synonyms
// ---------------------------------------------------------------------------------------------

export interface ProfilesPreview {
  format: 'samsyn-mapping-profiles';
  exportedAt: string;
  publisher: PublisherInfo;
  profiles: { name: string; kind: 'deviations' | 'disputes'; status: 'new' | 'identical' | 'renamed'; savedAs: string }[];
  synonyms: { label: string; categoryCode: string; status: 'new' | 'identical' | 'conflict'; existingCategory: string | null }[];
  counts: { profilesNew: number; profilesIdentical: number; profilesRenamed: number; synonymsNew: number; synonymsIdentical: number; synonymsConflict: number };
  unknownKeys: string[];
}

function planProfiles(ws: OpenedWorkspace, file: VerifiedFile<ProfilesFile>): ProfilesPreview {
  const doc = file.doc;
  const existing = ws.db.select().from(t.mappingProfiles).all();
  const names = new Set(existing.map((p) => p.name));
  const profiles: ProfilesPreview['profiles'] = [];
  for (const p of doc.profiles) {
    const same = existing.find((e) => e.name === p.name);
    if (!same) {
      profiles.push({ name: p.name, kind: p.kind, status: 'new', savedAs: p.name });
      names.add(p.name);
      continue;
    }
    const equal =
      same.kind === p.kind && same.headerSignature === p.headerSignature && same.sourceSystem === p.sourceSystem && canonicalize(same.mapping ?? {}) === canonicalize(p.mapping);
    if (equal) {
      profiles.push({ name: p.name, kind: p.kind, status: 'identical', savedAs: p.name });
      continue;
    }
    // A different profile with the same name: kept beside ours under a new name, never overwriting.
    const base = `${p.name} (från ${doc.publisher.name})`;
    let name = base;
    for (let i = 2; names.has(name); i++) {
      const e = existing.find((x) => x.name === name);
      if (e && e.kind === p.kind && e.headerSignature === p.headerSignature && canonicalize(e.mapping ?? {}) === canonicalize(p.mapping)) break;
      name = `${base} ${i}`;
    }
    const savedSame = existing.find((x) => x.name === name);
    profiles.push({ name: p.name, kind: p.kind, status: savedSame ? 'identical' : 'renamed', savedAs: name });
    names.add(name);
  }
  const synonyms: ProfilesPreview['synonyms'] = [];
  const seen = new Set<string>();
  for (const s of doc.synonyms) {
    const norm = normalizeKey(s.label);
    if (!norm || seen.has(norm)) continue;
    seen.add(norm);
    const row = ws.db.select().from(t.categorySynonyms).where(eq(t.categorySynonyms.norm, norm)).get();
    if (!row) synonyms.push({ label: s.label, categoryCode: s.categoryCode, status: 'new', existingCategory: null });
    else synonyms.push({ label: s.label, categoryCode: s.categoryCode, status: row.categoryCode === s.categoryCode ? 'identical' : 'conflict', existingCategory: row.categoryCode });
  }
  return {
    format: 'samsyn-mapping-profiles',
    exportedAt: doc.exportedAt,
    publisher: publisherInfo(ws, doc.publisher, file.publisher),
    profiles,
    synonyms,
    counts: {
      profilesNew: profiles.filter((p) => p.status === 'new').length,
      profilesIdentical: profiles.filter((p) => p.status === 'identical').length,
      profilesRenamed: profiles.filter((p) => p.status === 'renamed').length,
      synonymsNew: synonyms.filter((s) => s.status === 'new').length,
      synonymsIdentical: synonyms.filter((s) => s.status === 'identical').length,
      synonymsConflict: synonyms.filter((s) => s.status === 'conflict').length,
    },
    unknownKeys: file.unknownKeys.slice(0, 100),
  };
}

export function previewProfiles(ws: OpenedWorkspace, input: FileInput): ProfilesPreview {
  return planProfiles(ws, readProfilesFile(input));
}

export interface ProfilesApplyResult {
  preview: ProfilesPreview;
  applied: { profilesAdded: number; synonymsAdded: number; publisherTrusted: boolean };
  backupPath: string | null;
}

/** Adds new profiles (differing ones under a new name) and new synonyms; an existing synonym is never re-pointed. */
export async function applyProfiles(ws: OpenedWorkspace, input: FileInput, opts: { trustPublisher?: boolean; now: Date; dryRun?: boolean }): Promise<ProfilesApplyResult> {
  const file = readProfilesFile(input);
  const preview = planProfiles(ws, file);
  const trustNow = requireTrust(preview.publisher, opts.trustPublisher);
  const newProfiles = preview.profiles.filter((p) => p.status !== 'identical');
  const newSynonyms = preview.synonyms.filter((s) => s.status === 'new');
  const applied = { profilesAdded: 0, synonymsAdded: 0, publisherTrusted: trustNow };
  if (opts.dryRun || (newProfiles.length === 0 && newSynonyms.length === 0 && !trustNow)) {
    return { preview, applied: { ...applied, publisherTrusted: false }, backupPath: null };
  }
  const backupPath = await backupWorkspace(ws.sqlite, ws.path, 'fore-profilimport');
  const nowIso = opts.now.toISOString();
  ws.sqlite.transaction(() => {
    if (trustNow) rememberKey(ws, file.doc.publisher, file.publisher, opts.now);
    for (const item of newProfiles) {
      const p = file.doc.profiles.find((x) => x.name === item.name && x.kind === item.kind)!;
      const r = ws.db
        .insert(t.mappingProfiles)
        .values({ name: item.savedAs, kind: p.kind, headerSignature: p.headerSignature, mapping: p.mapping, sourceSystem: p.sourceSystem, createdAt: nowIso, updatedAt: nowIso })
        .onConflictDoNothing()
        .run();
      applied.profilesAdded += r.changes;
    }
    for (const s of newSynonyms) {
      const r = ws.db
        .insert(t.categorySynonyms)
        .values({ norm: normalizeKey(s.label), label: s.label, categoryCode: s.categoryCode, userAdded: true })
        .onConflictDoNothing()
        .run();
      applied.synonymsAdded += r.changes;
    }
    audit(ws, readSettings(ws).userName, 'mapping-profiles', file.publisher.fingerprint, 'import', { publisher: file.doc.publisher.name, ...applied });
  })();
  return { preview, applied, backupPath };
}
