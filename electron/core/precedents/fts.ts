/**
 * Building FTS5 queries from user input so that FTS syntax errors cannot happen: the input is cut
 * into words (letters and digits only), each word is quoted (`"word"`) and made a prefix query
 * (`"word"*`). Quoted strings are never operators, so AND/OR/NOT/NEAR, `-`, `:`, `*`, `^`, `(`
 * and quotes in the input are just text (or separators).
 */

/** Words of a text as FTS5's unicode61 tokenizer would see them (letters/digits, NFC). */
export function words(text: string): string[] {
  return text.normalize('NFC').match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
}

/** Lower case without diacritics — the same folding as `unicode61 remove_diacritics 2` (å→a, ä→a, ö→o). */
export function fold(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function quote(word: string): string {
  return `"${word.replace(/"/g, '""')}"`;
}

/** AND of prefix terms: every user word must match (as a word prefix). '' when there are no words. */
export function prefixQuery(input: string, maxWords = 20): string {
  const ws = words(input).slice(0, maxWords);
  return ws.map((w) => `${quote(w)}*`).join(' ');
}

/** OR of prefix terms (for similarity). '' when there are no words. */
export function orPrefixQuery(ws: string[]): string {
  return ws.map((w) => `${quote(w)}*`).join(' OR ');
}

/** Swedish stop words (folded) plus a few domain words too common to mean anything. */
const STOP = new Set(
  `alla allt att av blev bli blir blivit de dem den denna deras dess dessa det detta dig din dina ditt du där då efter ej eller en er era ert ett från för ha hade han hans har henne hennes hon honom hur här i icke ingen inom inte jag ju kan kunde man med mellan men mig min mina mitt mot mycket ni nu när någon något några och om oss på samma sedan sig sin sina sitta själv skulle som så sådan sådana sådant till under upp ut utan vad var vara varför varit varje vars vart vem vi vid vilka vilkas vilken vilket vår våra vårt än är åt över
  ska skall fick får finns gick gjorde görs hade ingen inga kom kommer någon efter även också bara sätt samt enligt ca dag dagar dagen vecka veckan gång gånger`
    .split(/\s+/)
    .filter(Boolean)
    .map(fold),
);

export function isStopWord(w: string): boolean {
  return STOP.has(fold(w));
}

/**
 * The significant words of a text: stop words, numbers and words shorter than 3 letters removed,
 * de-duplicated on their folded form, most frequent first (then longer first). Returns the first
 * spelling seen of each.
 */
export function significantWords(text: string, max = 12): string[] {
  const counts = new Map<string, { word: string; n: number; first: number }>();
  let i = 0;
  for (const w of words(text)) {
    const f = fold(w);
    i++;
    if (f.length < 3 || /^\p{N}+$/u.test(f) || STOP.has(f)) continue;
    const e = counts.get(f);
    if (e) e.n++;
    else counts.set(f, { word: w, n: 1, first: i });
  }
  return [...counts.values()]
    .sort((a, b) => b.n - a.n || b.word.length - a.word.length || a.first - b.first)
    .slice(0, max)
    .map((e) => e.word);
}
