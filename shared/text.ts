/** Normalises a label for tolerant matching: lower case, diacritics and punctuation removed, no spaces. */
export function normalizeKey(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/**
 * Normalises a kommun name: drops an SCB code prefix ("1496 Skövde") and a trailing separate word
 * "kommun"/"stad" ("Göteborgs stad", "Skövde kommun") — but never the end of a name like
 * Mariestad or Strömstad. A genitive s ("Lidköpings kommun") is left for the matcher to try.
 */
export function normalizeKommun(s: string): string {
  const words = s.trim().replace(/^\d{4}\s+/, '').replace(/\s+(kommun|stad)$/i, '');
  return normalizeKey(words);
}
