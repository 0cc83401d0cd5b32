/** Mapping profiles in the workspace (CRUD). Signed profile files are handled elsewhere. */
import type Database from 'better-sqlite3';
import { defaultSourceSystem, fieldsOf, type ImportCaseKind, type Mapping } from '../../../shared/domain/import';
import type { MappingProfile } from '../../../shared/api/imports';
import { UserError } from '../errors';
import { headerSignature } from './mapping';

interface Raw {
  id: number;
  name: string;
  kind: ImportCaseKind;
  header_signature: string;
  mapping: string;
  source_system: string;
  created_at: string;
  updated_at: string;
}

const toProfile = (r: Raw): MappingProfile => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  headerSignature: r.header_signature,
  mapping: JSON.parse(r.mapping) as Mapping,
  sourceSystem: r.source_system,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function listProfiles(sqlite: Database.Database, kind?: ImportCaseKind): MappingProfile[] {
  const rows = (kind
    ? sqlite.prepare('SELECT * FROM mapping_profiles WHERE kind = ? ORDER BY name').all(kind)
    : sqlite.prepare('SELECT * FROM mapping_profiles ORDER BY kind, name').all()) as Raw[];
  return rows.map(toProfile);
}

export interface SaveProfile {
  id?: number;
  name: string;
  kind: ImportCaseKind;
  headers?: string[];
  headerSignature?: string;
  mapping: Mapping;
  sourceSystem?: string;
}

export function saveProfile(sqlite: Database.Database, p: SaveProfile, now: Date): MappingProfile {
  const known = new Set(fieldsOf(p.kind).map((f) => f.field));
  const mapping: Mapping = {};
  for (const [f, h] of Object.entries(p.mapping)) {
    if (!known.has(f)) throw new UserError(`Profilen nämner fältet "${f}", som inte finns för ${p.kind === 'deviations' ? 'avvikelser' : 'tvister'}.`, 'BAD_INPUT');
    mapping[f] = h && h.trim() ? h : null;
  }
  for (const f of fieldsOf(p.kind)) {
    if (f.required && !mapping[f.field]) throw new UserError(`Profilen måste koppla det obligatoriska fältet ${f.label} till en kolumn.`);
  }
  const signature = p.headers ? headerSignature(p.headers) : (p.headerSignature ?? headerSignature(Object.values(mapping).filter((h): h is string => !!h)));
  const nowIso = now.toISOString();
  const clash = sqlite.prepare('SELECT id FROM mapping_profiles WHERE name = ?').pluck().get(p.name) as number | undefined;
  if (clash !== undefined && clash !== p.id) throw new UserError(`Det finns redan en kopplingsprofil som heter "${p.name}". Välj ett annat namn.`, 'CONFLICT');
  const source = p.sourceSystem ?? defaultSourceSystem[p.kind];
  let id = p.id;
  if (id != null) {
    const r = sqlite
      .prepare('UPDATE mapping_profiles SET name = ?, kind = ?, header_signature = ?, mapping = ?, source_system = ?, updated_at = ? WHERE id = ?')
      .run(p.name, p.kind, signature, JSON.stringify(mapping), source, nowIso, id);
    if (r.changes === 0) throw new UserError(`Kopplingsprofilen med id ${id} finns inte.`, 'NOT_FOUND');
  } else {
    id = Number(
      sqlite
        .prepare('INSERT INTO mapping_profiles (name, kind, header_signature, mapping, source_system, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(p.name, p.kind, signature, JSON.stringify(mapping), source, nowIso, nowIso).lastInsertRowid,
    );
  }
  return toProfile(sqlite.prepare('SELECT * FROM mapping_profiles WHERE id = ?').get(id) as Raw);
}

export function deleteProfile(sqlite: Database.Database, id: number): boolean {
  return sqlite.prepare('DELETE FROM mapping_profiles WHERE id = ?').run(id).changes > 0;
}
