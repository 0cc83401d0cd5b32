import { z } from 'zod';
import { categoryCodes, precedentKinds, precedentStatuses } from './enums';

/** Precedent library files (LIBRARY.md) and mapping-profile files: formats, limits, schemas. */
export const LIBRARY_FORMAT = 'samsyn-precedent-library';
export const PROFILES_FORMAT = 'samsyn-mapping-profiles';
export const LIBRARY_FORMAT_VERSION = 1;
export const PROFILES_FORMAT_VERSION = 1;
export const LIBRARY_EXTENSION = '.samsyn-bibliotek.json';
export const PROFILES_EXTENSION = '.samsyn-profiler.json';

export const LIBRARY_LIMITS = {
  /** Whole file, bytes (checked before parsing). */
  maxBytes: 50 * 1024 * 1024,
  maxPrecedents: 20_000,
  /** Any text value, characters. */
  maxTextChars: 20_000,
  /** Nesting of arrays/objects (the real format needs 5). */
  maxDepth: 32,
  /** Items in any one list inside a precedent (tags, lessons, decision points, references). */
  maxListItems: 1_000,
  /** JSON values in the whole file: a cap on work, not a format rule. */
  maxValues: 5_000_000,
  maxProfiles: 1_000,
  maxSynonyms: 20_000,
} as const;

const L = LIBRARY_LIMITS;
const text = (max: number = L.maxTextChars) => z.string().max(max, `Texten är längre än ${max} tecken.`);
const list = <T extends z.ZodType>(item: T) => z.array(item).max(L.maxListItems, `Listan har fler än ${L.maxListItems} poster.`);
const uuid = z.string().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'Ska vara ett UUID.');
const realDay = (s: string) => {
  const day = s.slice(0, 10);
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
};
const timestamp = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, 'Ska vara ett datum eller en tidpunkt (ISO 8601).')
  .refine(realDay, 'Datumet finns inte i kalendern.');
const dateOrTime = timestamp.nullable();
const base64 = z.string().max(2000).regex(/^[A-Za-z0-9+/]+={0,2}$/, 'Ska vara base64.');

type Mode = 'strict' | 'strip';
function obj<S extends z.ZodRawShape>(mode: Mode, shape: S) {
  return mode === 'strict' ? z.strictObject(shape) : z.object(shape);
}

function makeSchemas(mode: Mode) {
  const publisher = obj(mode, {
    name: text(200).min(1, 'Utgivarens namn saknas.'),
    delregion: text(100).min(1, 'Utgivarens delregion saknas.'),
    publicKey: base64,
  });
  const lesson = obj(mode, {
    text: text().min(1),
    cause: text(200).nullable(),
    date: timestamp,
  });
  const decisionPoint = obj(mode, { question: text(), guidance: text() });
  const precedent = obj(mode, {
    id: uuid,
    kind: z.enum(precedentKinds),
    revision: z.number().int().min(1).max(1_000_000_000),
    updatedAt: timestamp,
    title: text(500).min(1, 'Rubriken saknas.'),
    area: z.enum(categoryCodes),
    agreementRefs: list(text(500)),
    tags: list(text(200)),
    facts: text(),
    question: text(),
    resolution: text(),
    principle: text().min(1, 'Principen saknas.'),
    decisionPoints: list(decisionPoint),
    status: z.enum(precedentStatuses),
    supersededBy: uuid.nullable(),
    decidedAt: dateOrTime,
    origin: obj(mode, { delregion: text(100).min(1), publisher: text(200).min(1) }),
    caseHash: z.string().regex(/^[0-9a-f]{64}$/, 'Ska vara en SHA-256 i hex.').nullable(),
    lessons: list(lesson),
  });
  const library = obj(mode, {
    format: z.literal(LIBRARY_FORMAT),
    formatVersion: z.literal(LIBRARY_FORMAT_VERSION),
    exportedAt: timestamp,
    publisher,
    precedents: z.array(precedent).max(L.maxPrecedents, `Filen har fler än ${L.maxPrecedents} vägledande fall.`),
    signature: base64,
  });
  const profile = obj(mode, {
    name: text(200).min(1),
    kind: z.enum(['deviations', 'disputes']),
    headerSignature: text(),
    mapping: z.record(text(500), z.json()),
    sourceSystem: text(200),
  });
  const synonym = obj(mode, { label: text(500).min(1), categoryCode: z.enum(categoryCodes) });
  const profiles = obj(mode, {
    format: z.literal(PROFILES_FORMAT),
    formatVersion: z.literal(PROFILES_FORMAT_VERSION),
    exportedAt: timestamp,
    publisher,
    profiles: z.array(profile).max(L.maxProfiles),
    synonyms: z.array(synonym).max(L.maxSynonyms),
    signature: base64,
  });
  return { publisher, lesson, decisionPoint, precedent, library, profile, synonym, profiles };
}

/** Strict schemas: what Samsyn writes (no unknown keys). */
export const strictLibrarySchemas = makeSchemas('strict');
/** Tolerant schemas: what Samsyn reads after reporting unknown keys (they are dropped). */
export const tolerantLibrarySchemas = makeSchemas('strip');

export const libraryFileSchema = strictLibrarySchemas.library;
export const libraryPrecedentSchema = strictLibrarySchemas.precedent;
export const profilesFileSchema = strictLibrarySchemas.profiles;

export type LibraryFile = z.infer<typeof libraryFileSchema>;
export type LibraryPrecedent = z.infer<typeof libraryPrecedentSchema>;
export type LibraryLesson = z.infer<typeof strictLibrarySchemas.lesson>;
export type LibraryPublisher = z.infer<typeof strictLibrarySchemas.publisher>;
export type ProfilesFile = z.infer<typeof profilesFileSchema>;
export type MappingProfileEntry = z.infer<typeof strictLibrarySchemas.profile>;
export type SynonymEntry = z.infer<typeof strictLibrarySchemas.synonym>;

/** Swedish names of precedent fields, for messages that point to a field. */
export const precedentFieldLabels: Record<string, string> = {
  id: 'id',
  kind: 'typ',
  revision: 'revision',
  updatedAt: 'ändrad',
  title: 'rubrik',
  area: 'område',
  agreementRefs: 'avtalsreferenser',
  tags: 'taggar',
  facts: 'fakta',
  question: 'fråga',
  resolution: 'lösning',
  principle: 'princip',
  decisionPoints: 'vägskäl',
  status: 'status',
  supersededBy: 'ersatt av',
  decidedAt: 'beslutsdatum',
  origin: 'ursprung',
  caseHash: 'ärendehash',
  lessons: 'lärdomar',
};
