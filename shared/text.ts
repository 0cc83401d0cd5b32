/** Normalises a label for tolerant matching: lower case, diacritics and punctuation removed, no spaces. */
export function normalizeKey(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Normalises a kommun name: also drops a trailing "kommun"/"stad"/"s kommun". */
export function normalizeKommun(s: string): string {
  let k = normalizeKey(s.replace(/^\s*\d{4}\s+/, ''));
  for (const suffix of ['kommun', 'stad']) {
    if (k.endsWith(suffix) && k.length > suffix.length + 1) {
      k = k.slice(0, -suffix.length);
      break;
    }
  }
  // "Skövdes kommun" style genitive
  return k;
}
