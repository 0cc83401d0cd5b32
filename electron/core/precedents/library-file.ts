import crypto from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { OpenedWorkspace } from '../db/open-workspace';
import * as t from '../db/schema';
import { UserError } from '../errors';
import { findIdentityNumbers, redactPseudonyms, scanPersonalData } from '../privacy/pnr';
import { pseudonymiseTyped } from '../import/deidentify';
import { readSettings } from '../workspace/workspace';
import { canonicalBytes, CanonicalJsonError } from './canonical-json';
import { ensureWorkspaceKeys, publisherKeyFromBase64, signBytes, verifyBytes, type PublisherKey } from './keys';
import {
  LIBRARY_EXTENSION,
  LIBRARY_FORMAT,
  LIBRARY_FORMAT_VERSION,
  LIBRARY_LIMITS,
  PROFILES_EXTENSION,
  PROFILES_FORMAT,
  PROFILES_FORMAT_VERSION,
  precedentFieldLabels,
  strictLibrarySchemas,
  tolerantLibrarySchemas,
  type LibraryFile,
  type LibraryLesson,
  type LibraryPrecedent,
  type ProfilesFile,
} from '../../../shared/domain/library-file';

type PrecedentRow = typeof t.precedents.$inferSelect;

// ---------------------------------------------------------------------------------------------
// Reading: bytes → verified document. Every refusal is one Swedish sentence (UserError) and
// happens before anything touches the database.
// ---------------------------------------------------------------------------------------------

/** File content as it arrives: text (UI text read, tests) or raw bytes (CLI, UI base64). */
export type FileInput = string | Uint8Array;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

class ForbiddenKey extends Error {
  constructor(readonly key: string) {
    super(key);
  }
}

interface FileKind {
  format: string;
  version: number;
  /** "ett bibliotek med vägledande fall" */
  what: string;
}
const LIBRARY_KIND: FileKind = { format: LIBRARY_FORMAT, version: LIBRARY_FORMAT_VERSION, what: 'ett Samsyn-bibliotek med vägledande fall' };
const PROFILES_KIND: FileKind = { format: PROFILES_FORMAT, version: PROFILES_FORMAT_VERSION, what: 'en Samsyn-fil med mappningsprofiler' };

const mb = (n: number) => `${(n / 1024 / 1024).toLocaleString('sv-SE', { maximumFractionDigits: 1 })} MB`;

/** Size check, strict UTF-8 decoding, BOM removal. */
export function decodeFile(input: FileInput): string {
  const size = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
  if (size > LIBRARY_LIMITS.maxBytes) {
    throw new UserError(`Filen är för stor (${mb(size)}); en biblioteksfil får vara högst ${mb(LIBRARY_LIMITS.maxBytes)}.`);
  }
  let s: string;
  if (typeof input === 'string') s = input;
  else {
    try {
      s = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      throw new UserError('Filen är inte en textfil i UTF-8 och kan därför inte vara en Samsyn-fil.');
    }
  }
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

/** Nesting depth of the JSON text, found by one linear scan (strings skipped) before parsing. */
export function jsonDepth(s: string, stopAbove = Infinity): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > stopAbove) return max;
      }
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}

/**
 * The first key that occurs twice in one object, or null. JSON.parse keeps the last value, while a
 * person reading the file in a text editor may see the first: a signed file must mean one thing.
 * Call on text that JSON.parse accepted.
 */
export function duplicateJsonKey(s: string): string | null {
  const stack: (Set<string> | null)[] = [];
  let expectKey = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) {
      const start = i;
      for (i++; i < s.length; i++) {
        const d = s.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22) break;
      }
      const keys = stack[stack.length - 1];
      if (expectKey && keys) {
        const key = JSON.parse(s.slice(start, i + 1)) as string;
        if (keys.has(key)) return key;
        keys.add(key);
        expectKey = false;
      }
    } else if (c === 0x7b) {
      stack.push(new Set());
      expectKey = true;
    } else if (c === 0x5b) {
      stack.push(null);
      expectKey = false;
    } else if (c === 0x7d || c === 0x5d) {
      stack.pop();
      expectKey = false;
    } else if (c === 0x2c) {
      expectKey = stack[stack.length - 1] != null;
    }
  }
  return null;
}

/** JSON.parse that refuses __proto__/constructor/prototype keys anywhere and limits depth first. */
export function parseJsonSafely(s: string): unknown {
  if (jsonDepth(s, LIBRARY_LIMITS.maxDepth) > LIBRARY_LIMITS.maxDepth) {
    throw new UserError(`Filen är för djupt nästlad (mer än ${LIBRARY_LIMITS.maxDepth} nivåer) för att vara en Samsyn-fil.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(s, (key, v: unknown) => {
      if (FORBIDDEN_KEYS.has(key)) throw new ForbiddenKey(key);
      return v;
    });
  } catch (e) {
    if (e instanceof ForbiddenKey) {
      throw new UserError(`Filen innehåller den otillåtna nyckeln "${e.key}" och har inte lästs in.`);
    }
    throw new UserError('Filen är inte giltig JSON och kan därför inte vara en Samsyn-fil.');
  }
  const twice = duplicateJsonKey(s);
  if (twice !== null) {
    throw new UserError(
      `Filen har fältet "${twice.slice(0, 80)}" två gånger i samma objekt, så den som läser filen och Samsyn kan se olika värden; filen har inte lästs in.`,
    );
  }
  return value;
}

/** Generic limits over the parsed value: number of values, length of every text and key. */
function checkGenericLimits(v: unknown): void {
  let count = 0;
  const walk = (x: unknown, path: string): void => {
    if (++count > LIBRARY_LIMITS.maxValues) throw new UserError('Filen innehåller för många värden för att vara en Samsyn-fil.');
    if (typeof x === 'string') {
      if (x.length > LIBRARY_LIMITS.maxTextChars) {
        throw new UserError(`En text i filen (${path || 'roten'}) är längre än ${LIBRARY_LIMITS.maxTextChars.toLocaleString('sv-SE')} tecken.`);
      }
    } else if (Array.isArray(x)) {
      for (let i = 0; i < x.length; i++) walk(x[i], `${path}[${i}]`);
    } else if (x !== null && typeof x === 'object') {
      for (const k of Object.keys(x)) {
        if (k.length > 500) throw new UserError('Filen innehåller ett fältnamn som är orimligt långt.');
        walk((x as Record<string, unknown>)[k], path ? `${path}.${k}` : k);
      }
    }
  };
  walk(v, '');
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export interface VerifiedFile<T> {
  doc: T;
  publisher: PublisherKey;
  /** Paths of keys this version does not know (ignored), e.g. "precedents[2].note". */
  unknownKeys: string[];
}

function pathText(path: PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}

function valueAt(root: unknown, path: PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(cur, p as string)) return undefined;
    cur = (cur as Record<string, unknown>)[p as string];
  }
  return cur;
}

const TYPE_NAMES: Record<string, string> = { string: 'en text', number: 'ett tal', boolean: 'sant/falskt', array: 'en lista', object: 'ett objekt', null: 'null', undefined: 'ingenting' };
const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
const shown = (v: unknown) => {
  const s = typeof v === 'string' ? `"${v}"` : JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
};

/** A zod issue in Swedish (its own messages are English, except those we wrote in the schemas). */
export function swedishIssue(issue: z.core.$ZodIssue, value: unknown): string {
  const i = issue as z.core.$ZodIssue & { values?: unknown[]; minimum?: number | bigint; maximum?: number | bigint; origin?: string; expected?: string };
  const what = i.origin === 'string' ? ' tecken' : i.origin === 'array' ? ' poster' : '';
  switch (i.code) {
    case 'invalid_value': {
      const allowed = (i.values ?? []).slice(0, 10).map((v) => shown(v)).join(', ');
      return `${shown(value)} är inte ett tillåtet värde (tillåtna: ${allowed}${(i.values?.length ?? 0) > 10 ? ' …' : ''})`;
    }
    case 'too_small':
      return i.origin === 'number' ? `${shown(value)} är för litet; minst ${i.minimum}` : `för kort; minst ${i.minimum}${what}`;
    case 'too_big':
      return i.origin === 'number' ? `${shown(value)} är för stort; högst ${i.maximum}` : `för långt; högst ${i.maximum}${what}`;
    case 'invalid_type':
      return `väntade ${TYPE_NAMES[i.expected ?? ''] ?? i.expected}, fick ${TYPE_NAMES[typeOf(value)] ?? typeOf(value)}`;
    default:
      // messages written in our own schemas are Swedish already
      return /^[A-Z][a-z]+ [a-z]/.test(i.message) && /expected|Invalid|must/.test(i.message) ? `${shown(value)} har fel format` : i.message.replace(/\.$/, '');
  }
}

/** A refusal naming the precedent (number, title, id) and the field that is wrong or missing. */
function describeIssue(raw: Record<string, unknown>, issue: z.core.$ZodIssue, listKey: string, itemWord: string): string {
  const path = issue.path;
  const missing = issue.code === 'invalid_type' && valueAt(raw, path) === undefined;
  if (path[0] === listKey && typeof path[1] === 'number' && path.length >= 3) {
    const item = valueAt(raw, path.slice(0, 2));
    const title = isPlainObject(item) && typeof item.title === 'string' ? item.title : isPlainObject(item) && typeof item.name === 'string' ? item.name : null;
    const id = isPlainObject(item) && typeof item.id === 'string' ? item.id : null;
    const who = `${itemWord} nr ${path[1] + 1}${title ? ` "${title.slice(0, 80)}"` : ''}${id ? ` (id ${id.slice(0, 40)})` : ''}`;
    const field = pathText(path.slice(2));
    const label = precedentFieldLabels[String(path[2])];
    const fieldText = label && listKey === 'precedents' ? `${field} (${label})` : field;
    return missing ? `${who} saknar fältet ${fieldText}.` : `${who} har ett ogiltigt värde i fältet ${fieldText}: ${swedishIssue(issue, valueAt(raw, path))}`;
  }
  const field = pathText(path) || 'roten';
  return missing ? `Fältet ${field} saknas i filen.` : `Fältet ${field} i filen har ett ogiltigt värde: ${swedishIssue(issue, valueAt(raw, path))}`;
}

function ensureSentence(s: string): string {
  return /[.!?]$/.test(s) ? s : `${s}.`;
}

/**
 * The whole reading pipeline for a signed Samsyn file:
 * size → UTF-8 → depth → JSON (no __proto__/constructor/prototype) → generic limits → format →
 * formatVersion → signature (over the JCS of everything but `signature`) → strict zod.
 */
function readSignedFile<T>(
  input: FileInput,
  kind: FileKind,
  listKey: string,
  maxItems: number,
  itemWord: string,
  strict: z.ZodType,
  tolerant: z.ZodType<T>,
): VerifiedFile<T> {
  const s = decodeFile(input);
  const raw = parseJsonSafely(s);
  if (!isPlainObject(raw)) throw new UserError(`Filen är inte ${kind.what}.`);
  const other = kind === LIBRARY_KIND ? PROFILES_KIND : LIBRARY_KIND;
  if (raw.format !== kind.format) {
    if (raw.format === other.format) throw new UserError(`Filen är ${other.what}, inte ${kind.what}.`);
    throw new UserError(`Filen är inte ${kind.what} (fältet format saknas eller är okänt).`);
  }
  if (raw.formatVersion !== kind.version) {
    if (typeof raw.formatVersion === 'string') {
      throw new UserError(`formatVersion ska vara talet ${kind.version}, inte texten "${raw.formatVersion.slice(0, 20)}" – be avsändaren exportera på nytt.`);
    }
    const v = typeof raw.formatVersion === 'number' ? String(raw.formatVersion).slice(0, 20) : 'saknas';
    throw new UserError(
      `formatVersion ${v} stöds inte: den här versionen av Samsyn kan bara läsa formatVersion ${kind.version} – uppdatera Samsyn eller be avsändaren exportera på nytt.`,
    );
  }
  const list = raw[listKey];
  if (Array.isArray(list) && list.length > maxItems) {
    throw new UserError(`Filen innehåller ${list.length.toLocaleString('sv-SE')} poster; gränsen är ${maxItems.toLocaleString('sv-SE')}.`);
  }
  checkGenericLimits(raw);
  const pub = raw.publisher;
  if (!isPlainObject(pub) || typeof pub.publicKey !== 'string') throw new UserError('Filen saknar utgivarens nyckel och kan inte kontrolleras.');
  if (typeof raw.signature !== 'string') throw new UserError('Filen saknar signatur och kan inte kontrolleras.');
  const publisher = publisherKeyFromBase64(pub.publicKey);
  const { signature, ...unsigned } = raw;
  let signed: Buffer;
  try {
    signed = canonicalBytes(unsigned);
  } catch (e) {
    if (e instanceof CanonicalJsonError) throw new UserError('Filen har ändrats efter export – signaturen stämmer inte.');
    throw e;
  }
  if (!verifyBytes(signed, signature, publisher.key)) {
    throw new UserError('Filen har ändrats efter export – signaturen stämmer inte.');
  }
  // Only now is the content turned into application objects.
  const unknownKeys: string[] = [];
  const strictResult = strict.safeParse(raw);
  if (strictResult.success) return { doc: strictResult.data as T, publisher, unknownKeys };
  {
    for (const issue of strictResult.error.issues) {
      if (issue.code === 'unrecognized_keys') for (const k of issue.keys) unknownKeys.push(pathText([...issue.path, k]));
    }
  }
  const parsed = tolerant.safeParse(raw);
  if (!parsed.success) {
    throw new UserError(ensureSentence(describeIssue(raw, parsed.error.issues[0]!, listKey, itemWord)));
  }
  return { doc: parsed.data, publisher, unknownKeys };
}

export function readLibraryFile(input: FileInput): VerifiedFile<LibraryFile> {
  const v = readSignedFile<LibraryFile>(
    input,
    LIBRARY_KIND,
    'precedents',
    LIBRARY_LIMITS.maxPrecedents,
    'Vägledande fall',
    strictLibrarySchemas.library,
    tolerantLibrarySchemas.library as unknown as z.ZodType<LibraryFile>,
  );
  const seen = new Set<string>();
  for (const p of v.doc.precedents) {
    const id = p.id;
    if (seen.has(id)) throw new UserError(`Filen innehåller det vägledande fallet "${p.title.slice(0, 80)}" (id ${p.id}) mer än en gång.`);
    seen.add(id);
  }
  return v;
}

export function readProfilesFile(input: FileInput): VerifiedFile<ProfilesFile> {
  return readSignedFile<ProfilesFile>(
    input,
    PROFILES_KIND,
    'profiles',
    LIBRARY_LIMITS.maxProfiles,
    'Mappningsprofil',
    strictLibrarySchemas.profiles,
    tolerantLibrarySchemas.profiles as unknown as z.ZodType<ProfilesFile>,
  );
}

// ---------------------------------------------------------------------------------------------
// Writing: precedents → file object → de-identification check → signature.
// ---------------------------------------------------------------------------------------------

/**
 * Fallback for precedents stored without a case hash: the same keyed hash as precedents.ts uses
 * (HMAC-SHA256 with the workspace secret over source system, external id and kind), so the local
 * case id never leaves the workspace and cannot be read back from the hash.
 */
export function caseHashFor(ws: OpenedWorkspace, kind: 'deviation' | 'dispute', caseId: number): string | null {
  const table = kind === 'deviation' ? 'deviations' : 'disputes';
  const row = ws.sqlite.prepare(`SELECT source_system AS s, external_id AS e FROM ${table} WHERE id = ?`).get(caseId) as { s: string; e: string } | undefined;
  if (!row) return null;
  const secret = ws.sqlite.prepare('SELECT hmac_secret FROM workspace WHERE id = 1').pluck().get() as Buffer;
  return crypto.createHmac('sha256', secret).update(`${row.s}|${row.e}|${kind}`).digest('hex');
}

function localLessons(ws: OpenedWorkspace, row: PrecedentRow): LibraryLesson[] {
  const out: LibraryLesson[] = [];
  if (row.localCaseKind && row.localCaseId != null) {
    const rows = ws.db
      .select({ text: t.lessons.text, cause: t.lessons.cause, date: t.lessons.recordedOn })
      .from(t.lessons)
      .where(and(eq(t.lessons.caseKind, row.localCaseKind), eq(t.lessons.caseId, row.localCaseId)))
      .orderBy(t.lessons.recordedOn, t.lessons.id)
      .all();
    for (const l of rows) out.push({ text: l.text, cause: l.cause ?? null, date: l.date });
  }
  for (const l of row.importedLessons ?? []) {
    if (!out.some((o) => o.text === l.text && o.date === l.date)) out.push({ text: l.text, cause: l.cause ?? null, date: l.date });
  }
  return out;
}

/**
 * A stored precedent as it appears in a library file. Pseudonym tokens (`[PNR-xxxxxx]`) in its
 * texts become "[uppgift borttagen]" as in the PDF report: a token still links a person's cases
 * (LIBRARY.md: no patient data leaves the workspace). Merge compares through this function too,
 * so a copy that comes back is recognised as identical.
 */
export function precedentToFile(ws: OpenedWorkspace, row: PrecedentRow): LibraryPrecedent {
  const caseHash = row.caseHash ?? (row.localCaseKind && row.localCaseId != null ? caseHashFor(ws, row.localCaseKind, row.localCaseId) : null);
  const pub = (text: string) => redactPseudonyms(text).text;
  return {
    id: row.id,
    kind: row.kind,
    revision: row.revision,
    updatedAt: row.updatedAt,
    title: pub(row.title),
    area: row.area as LibraryPrecedent['area'],
    agreementRefs: (row.agreementRefs ?? []).map(pub),
    tags: (row.tags ?? []).map(pub),
    facts: pub(row.facts),
    question: pub(row.question),
    resolution: pub(row.resolution),
    principle: pub(row.principle),
    decisionPoints: (row.decisionPoints ?? []).map((d) => ({ question: pub(d.question), guidance: pub(d.guidance) })),
    status: row.status,
    supersededBy: row.supersededBy ?? null,
    decidedAt: row.decidedAt ?? null,
    origin: { delregion: row.originDelregion, publisher: row.originPublisher },
    caseHash,
    lessons: localLessons(ws, row).map((l) => ({ ...l, text: pub(l.text) })),
  };
}

/**
 * A received precedent's texts with every identity number replaced by this workspace's token, as
 * on a CSV import: a file from another delregion (or edited by hand) is an import path into the
 * database too (DOMAIN.md: identity numbers never enter the database). Another workspace's
 * tokens become "[uppgift borttagen]". Ids, dates, origin and the case hash are left as they are. Returns the precedent and how many numbers were replaced.
 */
export function pseudonymiseReceived(ws: OpenedWorkspace, p: LibraryPrecedent): { precedent: LibraryPrecedent; replaced: number } {
  let replaced = 0;
  const clean = (text: string) => {
    // a token from another workspace (an older file) means nothing here: it is shown as removed
    const plain = redactPseudonyms(text).text;
    const out = pseudonymiseTyped(ws.sqlite, plain);
    if (out !== plain) replaced += findIdentityNumbers(plain).length;
    return out;
  };
  const precedent: LibraryPrecedent = {
    ...p,
    title: clean(p.title),
    agreementRefs: p.agreementRefs.map(clean),
    tags: p.tags.map(clean),
    facts: clean(p.facts),
    question: clean(p.question),
    resolution: clean(p.resolution),
    principle: clean(p.principle),
    decisionPoints: p.decisionPoints.map((d) => ({ ...d, question: clean(d.question), guidance: clean(d.guidance) })),
    lessons: p.lessons.map((l) => ({ ...l, text: clean(l.text) })),
  };
  return { precedent, replaced };
}

export interface PersonalDataFinding {
  precedentId: string;
  title: string;
  /** Path of the field inside the precedent, e.g. "facts" or "lessons[0].text". */
  field: string;
  /** Swedish label of the field. */
  fieldLabel: string;
  kind: 'personnummer' | 'samordningsnummer' | 'telefonnummer' | 'e-postadress';
  /** The matched text with all but its first two characters masked. */
  masked: string;
  start: number;
  end: number;
}

export function maskHit(raw: string): string {
  let shown = 0;
  return raw.replace(/[0-9A-Za-zÅÄÖåäö]/g, (c) => (shown++ < 2 ? c : '•'));
}

function textFields(p: LibraryPrecedent): [string, string][] {
  const f: [string, string][] = [
    ['title', p.title],
    ['facts', p.facts],
    ['question', p.question],
    ['resolution', p.resolution],
    ['principle', p.principle],
  ];
  p.agreementRefs.forEach((r, i) => f.push([`agreementRefs[${i}]`, r]));
  p.tags.forEach((r, i) => f.push([`tags[${i}]`, r]));
  p.decisionPoints.forEach((d, i) => {
    f.push([`decisionPoints[${i}].question`, d.question]);
    f.push([`decisionPoints[${i}].guidance`, d.guidance]);
  });
  p.lessons.forEach((l, i) => {
    f.push([`lessons[${i}].text`, l.text]);
    if (l.cause) f.push([`lessons[${i}].cause`, l.cause]);
  });
  f.push(['origin.publisher', p.origin.publisher]);
  return f;
}

/** The de-identification check over every text of the precedents about to leave the workspace. */
export function findPersonalData(precedents: LibraryPrecedent[]): PersonalDataFinding[] {
  const out: PersonalDataFinding[] = [];
  for (const p of precedents) {
    for (const [field, text] of textFields(p)) {
      for (const h of scanPersonalData(text)) {
        const top = field.replace(/[[.].*$/, '');
        out.push({
          precedentId: p.id,
          title: p.title,
          field,
          fieldLabel: precedentFieldLabels[top] ?? top,
          kind: h.kind,
          masked: maskHit(h.raw),
          start: h.start,
          end: h.end,
        });
      }
    }
  }
  return out;
}

/** The publisher name goes into the file too: no personal data in it (LIBRARY.md "every text"). */
function checkPublisherName(name: string): void {
  const hits = scanPersonalData(name);
  if (hits.length > 0) {
    const kinds = [...new Set(hits.map((h) => h.kind))].join(' och ');
    throw new UserError(`Utgivarnamnet "${maskHit(name)}" ser ut att innehålla ${kinds}; skriv organisationens namn, utan personuppgifter.`, 'BAD_INPUT');
  }
}

export function defaultPublisherName(ws: OpenedWorkspace): { name: string; delregion: string } {
  const s = readSettings(ws);
  return { name: `Vårdsamverkan ${s.delregionName}`, delregion: s.delregionId };
}

function signDocument<T extends Record<string, unknown>>(ws: OpenedWorkspace, unsigned: T): T & { signature: string } {
  const keys = ensureWorkspaceKeys(ws);
  return { ...unsigned, signature: signBytes(canonicalBytes(unsigned), keys.privateKey) };
}

/** Pretty-printed UTF-8 JSON (readable in a text editor); verification re-canonicalises. */
export function serializeFile(doc: unknown): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export type LibraryExportResult =
  | {
      status: 'ok';
      fileName: string;
      content: string;
      precedentCount: number;
      publisher: { name: string; delregion: string; fingerprint: string };
    }
  | { status: 'blocked'; hits: PersonalDataFinding[] };

export interface LibraryExportOptions {
  /** Which precedents; default all with status `vägledande`. */
  precedentIds?: string[];
  publisherName?: string;
  now: Date;
}

export function selectPrecedentsForExport(ws: OpenedWorkspace, ids?: string[]): PrecedentRow[] {
  if (ids && ids.length > 0) {
    const unique = [...new Set(ids)];
    const rows = ws.db.select().from(t.precedents).where(inArray(t.precedents.id, unique)).all();
    const missing = unique.find((id) => !rows.some((r) => r.id === id));
    if (missing) throw new UserError(`Det vägledande fallet ${missing} finns inte i arbetsytan.`, 'NOT_FOUND');
    return unique.map((id) => rows.find((r) => r.id === id)!);
  }
  return ws.db.select().from(t.precedents).where(eq(t.precedents.status, 'vägledande')).orderBy(t.precedents.title).all();
}

/** Builds, checks and signs a library file. Blocked (with every hit) when personal data is found. */
export function exportLibrary(ws: OpenedWorkspace, opts: LibraryExportOptions): LibraryExportResult {
  const rows = selectPrecedentsForExport(ws, opts.precedentIds);
  const precedents = rows.map((r) => precedentToFile(ws, r));
  const hits = findPersonalData(precedents);
  if (hits.length > 0) return { status: 'blocked', hits };
  for (const p of precedents) {
    const r = strictLibrarySchemas.precedent.safeParse(p);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      const top = String(issue.path[0] ?? '');
      throw new UserError(
        `Det vägledande fallet "${p.title.slice(0, 80)}" kan inte exporteras: fältet ${pathText(issue.path) || top} (${precedentFieldLabels[top] ?? top}) har ett ogiltigt värde – ${issue.message.replace(/\.$/, '')}.`,
      );
    }
  }
  const pub = defaultPublisherName(ws);
  checkPublisherName(opts.publisherName?.trim() || pub.name);
  const keys = ensureWorkspaceKeys(ws);
  const unsigned = {
    format: LIBRARY_FORMAT,
    formatVersion: LIBRARY_FORMAT_VERSION,
    exportedAt: opts.now.toISOString(),
    publisher: { name: opts.publisherName?.trim() || pub.name, delregion: pub.delregion, publicKey: keys.publicKeyB64 },
    precedents,
  };
  const file = signDocument(ws, unsigned);
  strictLibrarySchemas.library.parse(file);
  return {
    status: 'ok',
    fileName: `bibliotek-${pub.delregion}-${opts.now.toISOString().slice(0, 10)}${LIBRARY_EXTENSION}`,
    content: serializeFile(file),
    precedentCount: precedents.length,
    publisher: { name: unsigned.publisher.name, delregion: pub.delregion, fingerprint: keys.fingerprint },
  };
}

// ---------------------------------------------------------------------------------------------
// Mapping profiles and category synonyms: the same signed envelope, a smaller file type.
// ---------------------------------------------------------------------------------------------

export interface ProfilesExportResult {
  status: 'ok';
  fileName: string;
  content: string;
  profileCount: number;
  synonymCount: number;
  publisher: { name: string; delregion: string; fingerprint: string };
}

export interface ProfileFinding {
  where: string;
  kind: PersonalDataFinding['kind'];
  masked: string;
  start: number;
  end: number;
}

function scanAllStrings(v: unknown, where: string, out: ProfileFinding[]): void {
  if (typeof v === 'string') {
    for (const h of scanPersonalData(v)) out.push({ where, kind: h.kind, masked: maskHit(h.raw), start: h.start, end: h.end });
  } else if (Array.isArray(v)) v.forEach((x, i) => scanAllStrings(x, `${where}[${i}]`, out));
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      scanAllStrings(k, `${where}.${k}`, out);
      scanAllStrings(x, `${where}.${k}`, out);
    }
  }
}

export function exportProfiles(ws: OpenedWorkspace, opts: { now: Date; publisherName?: string }): ProfilesExportResult {
  const profiles = ws.db
    .select()
    .from(t.mappingProfiles)
    .orderBy(t.mappingProfiles.name)
    .all()
    .map((p) => ({
      name: p.name,
      kind: p.kind,
      headerSignature: p.headerSignature,
      mapping: (p.mapping ?? {}) as Record<string, z.core.util.JSONType>,
      sourceSystem: p.sourceSystem,
    }));
  const synonyms = ws.db
    .select({ label: t.categorySynonyms.label, categoryCode: t.categorySynonyms.categoryCode })
    .from(t.categorySynonyms)
    .where(eq(t.categorySynonyms.userAdded, true))
    .orderBy(t.categorySynonyms.norm)
    .all();
  const hits: ProfileFinding[] = [];
  profiles.forEach((p) => scanAllStrings(p, `profil "${p.name}"`, hits));
  synonyms.forEach((s) => scanAllStrings(s.label, `synonym "${s.label}"`, hits));
  if (hits.length > 0) {
    const h = hits[0]!;
    throw new UserError(`Exporten stoppades: ${h.where} innehåller något som liknar ett ${h.kind} (${h.masked}).`, 'USER_ERROR', { hits });
  }
  const pub = defaultPublisherName(ws);
  checkPublisherName(opts.publisherName?.trim() || pub.name);
  const keys = ensureWorkspaceKeys(ws);
  const unsigned = {
    format: PROFILES_FORMAT,
    formatVersion: PROFILES_FORMAT_VERSION,
    exportedAt: opts.now.toISOString(),
    publisher: { name: opts.publisherName?.trim() || pub.name, delregion: pub.delregion, publicKey: keys.publicKeyB64 },
    profiles,
    synonyms: synonyms as ProfilesFile['synonyms'],
  };
  const file = signDocument(ws, unsigned);
  const checked = strictLibrarySchemas.profiles.safeParse(file);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new UserError(`Mappningsprofilerna kan inte exporteras: ${pathText(issue.path)} har ett ogiltigt värde – ${issue.message.replace(/\.$/, '')}.`);
  }
  return {
    status: 'ok',
    fileName: `mappningsprofiler-${pub.delregion}-${opts.now.toISOString().slice(0, 10)}${PROFILES_EXTENSION}`,
    content: serializeFile(file),
    profileCount: profiles.length,
    synonymCount: synonyms.length,
    publisher: { name: unsigned.publisher.name, delregion: pub.delregion, fingerprint: keys.fingerprint },
  };
}
