import fs from 'node:fs';
import path from 'node:path';
import { resourcesFolder } from './paths';

export interface RefKommun {
  code: string;
  name: string;
  delregion: string;
}
export interface RefDelregion {
  id: string;
  name: string;
  kommunCodes: string[];
}
export interface RefPopulation {
  kommunCode: string;
  kommun: string;
  year: number;
  refDate: string;
  value: number;
  source: string;
}
export interface RefCategory {
  code: string;
  label: string;
  synonyms: string[];
}
export interface RefOrganisation {
  pattern: string;
  partyType: 'kommun' | 'region' | 'privat';
}

export interface ReferenceData {
  kommuner: RefKommun[];
  delregions: RefDelregion[];
  population: RefPopulation[];
  categories: RefCategory[];
  organisations: RefOrganisation[];
}

let cached: ReferenceData | null = null;

/** The reference data shipped in resources/reference (each file names its source and year). */
export function loadReferenceData(): ReferenceData {
  if (cached) return cached;
  const dir = path.join(resourcesFolder(), 'reference');
  const read = <T>(f: string): T => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as T;
  cached = {
    kommuner: read<{ kommuner: RefKommun[] }>('kommuner.json').kommuner,
    delregions: read<{ delregions: RefDelregion[] }>('delregions.json').delregions,
    population: read<{ figures: RefPopulation[] }>('population.json').figures,
    categories: read<{ categories: RefCategory[] }>('categories.json').categories,
    organisations: read<{ organisations: RefOrganisation[] }>('organisations.json').organisations,
  };
  return cached;
}
