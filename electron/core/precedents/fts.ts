/**
 * Building FTS5 queries from user input so that FTS syntax errors cannot happen: the input is cut
 * into words (letters and digits only), each word is quoted (`"word"`) and made a prefix query
 * (`"word"*`). Quoted strings are never operators, so AND/OR/NOT/NEAR, `-`, `:`, `*`, `^`, `(`
 * and quotes in the input are just text (or separators).
 */
import type Database from 'better-sqlite3';

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

/**
 * Letters whose folding by `fold` (NFD, marks removed, lower case) is the same as the folding of
 * `unicode61 remove_diacritics 2`: ASCII letters and digits and the Latin-1 letters that decompose
 * to an ASCII letter plus marks (å ä ö é ü …). A word made only of these can be looked up in the
 * index's term list; any other word (ø, ß, Greek, …) is left to FTS5's own prefix matching.
 */
const FOLD_SAFE = /^[A-Za-z0-9ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿ]+$/;

/** At most this many indexed terms are listed for one prefix; more and the prefix form is used. */
export const MAX_PREFIX_TERMS = 32;

/** One user word and the indexed terms its prefix covers (null: not listed — use the prefix form). */
export interface WordTerms {
  word: string;
  terms: string[] | null;
}

const termLists = new WeakMap<Database.Database, Database.Statement>();

/**
 * The indexed terms (folded) that each word of the input covers as a prefix, read from the FTS5
 * index itself (an fts5vocab `instance` table on the connection's temp schema: one seek per term,
 * no doclist is read). Call it in the same read transaction as the queries built from it, so the
 * list and the index are the same snapshot.
 */
export function expandWords(sqlite: Database.Database, input: string, maxWords = 20): WordTerms[] {
  let next = termLists.get(sqlite);
  if (!next) {
    sqlite.exec('CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_fts_terms USING fts5vocab(main, search_fts, instance)');
    next = sqlite.prepare('SELECT term FROM temp.search_fts_terms WHERE term >= ? LIMIT 1').pluck();
    termLists.set(sqlite, next);
  }
  return words(input)
    .slice(0, maxWords)
    .map((word) => {
      const prefix = fold(word);
      if (!FOLD_SAFE.test(word) || !/^[a-z0-9]+$/.test(prefix)) return { word, terms: null };
      const terms: string[] = [];
      let from = prefix;
      for (;;) {
        const t = next.get(from) as string | undefined;
        if (t === undefined || !t.startsWith(prefix)) break;
        if (terms.length === MAX_PREFIX_TERMS) return { word, terms: null };
        terms.push(t);
        // the next term: unicode61 terms never contain U+0001, so t + U+0001 sorts right after t
        from = `${t}\u0001`;
      }
      return { word, terms };
    });
}

/**
 * An FTS5 query that matches exactly the rows `prefixQuery` matches, for filtering and counting:
 * each listed prefix becomes the OR of its terms (read lazily, term by term), where FTS5 would
 * first merge the doclists of all those terms into one (for a common word at 1 000 000 rows,
 * ≈ 20 ms per statement). null when a word covers no indexed term: nothing can match.
 */
export function matchQuery(ws: WordTerms[]): string | null {
  if (!ws.length) return '';
  const parts: string[] = [];
  for (const w of ws) {
    if (w.terms === null) parts.push(`${quote(w.word)}*`);
    else if (w.terms.length === 0) return null;
    else if (w.terms.length === 1) parts.push(quote(w.terms[0]!));
    else parts.push(`(${w.terms.map(quote).join(' OR ')})`);
  }
  return parts.join(' AND ');
}

/**
 * The query to rank with bm25: the same phrases as `prefixQuery` (a prefix with several terms
 * stays one prefix phrase, so all its forms count as one word with one idf), except that a prefix
 * covering exactly one indexed term is written as that term — the same rows, instances and score,
 * without the prefix merge. null when nothing can match.
 */
export function rankQuery(ws: WordTerms[]): string | null {
  if (!ws.length) return '';
  const parts: string[] = [];
  for (const w of ws) {
    if (w.terms !== null && w.terms.length === 0) return null;
    parts.push(w.terms !== null && w.terms.length === 1 ? quote(w.terms[0]!) : `${quote(w.word)}*`);
  }
  return parts.join(' ');
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
