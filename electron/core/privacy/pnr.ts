/**
 * Swedish personal identity numbers (personnummer) and coordination numbers (samordningsnummer).
 * Forms: YYMMDD-NNNC, YYMMDD+NNNC, YYMMDDNNNC, YYYYMMDD-NNNC, YYYYMMDDNNNC (also with an en dash or a
 * space for the hyphen); C is the Luhn check
 * digit (weights 2,1) over the 10-digit form; a coordination number has day + 60.
 */
export interface IdentityNumberHit {
  start: number;
  end: number;
  /** Exactly as written in the text. */
  raw: string;
  /** The 10-digit form YYMMDDNNNC (the key for pseudonymisation, so all forms of one number agree). */
  tenDigits: string;
  kind: 'personnummer' | 'samordningsnummer';
}

export function luhnOk(tenDigits: string): boolean {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let d = tenDigits.charCodeAt(i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function validDate(yy: number, mm: number, dd: number): boolean {
  if (mm < 1 || mm > 12 || dd < 1) return false;
  const daysIn = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mm - 1]!;
  return dd <= daysIn || (mm === 2 && dd === 29 && yy >= 0);
}

// 12 digits (century) or 10 digits, optionally - or + (also an en dash, as word processors
// write it, with or without a space on either side, or one space) before the last four; not part of a longer number. A letter right
// before is allowed ("Pnr8507092388", "patient850709-2388"): a false positive only hides a
// harmless number, a miss would store a person's identity.
const PATTERN = /(?<![0-9])(\d{2})?(\d{2})(\d{2})(\d{2})( ?[-+\u2013] ?| )?(\d{4})(?![0-9])/g;

export function findIdentityNumbers(text: string): IdentityNumberHit[] {
  const hits: IdentityNumberHit[] = [];
  if (!text) return hits;
  for (const m of text.matchAll(PATTERN)) {
    const [raw, century, yy, mm, dd, , last4] = m;
    if (century && !/^(18|19|20)$/.test(century)) continue;
    const month = Number(mm);
    let day = Number(dd);
    let kind: IdentityNumberHit['kind'] = 'personnummer';
    if (day > 60) {
      day -= 60;
      kind = 'samordningsnummer';
    }
    if (!validDate(Number(yy), month, day)) continue;
    const ten = `${yy}${mm}${dd}${last4}`;
    if (!luhnOk(ten)) continue;
    hits.push({ start: m.index!, end: m.index! + raw.length, raw, tenDigits: ten, kind });
  }
  return hits;
}

/**
 * The text with every identity number replaced by `[personnummer]` — for names that are shown and
 * stored but are not case data (an imported file's name: "avvikelse_850709-2388.csv").
 */
export function redactIdentityNumbers(text: string): string {
  const hits = findIdentityNumbers(text);
  if (hits.length === 0) return text;
  let out = '';
  let pos = 0;
  for (const h of hits) {
    out += `${text.slice(pos, h.start)}[personnummer]`;
    pos = h.end;
  }
  return out + text.slice(pos);
}

export interface PersonalDataHit {
  kind: 'personnummer' | 'samordningsnummer' | 'telefonnummer' | 'e-postadress';
  start: number;
  end: number;
  raw: string;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// Swedish phone numbers: 0xx-xxx xx xx, +46 70 123 45 67, 070-1234567 … (8–13 digits, starting 0 or +46)
// (also "070 - 123 45 67" and the signature form "+46 (0)70-123 45 67")
const PHONE = /(?<![0-9A-Za-z])(?:(?:\+46|0046)[\s-]?(?:\(0\)\s?)?|0)\d{1,3}(?:\s?[-\u2013]\s?|\s)?\d{2,4}(?:(?:\s?[-\u2013]\s?|\s)?\d{2,3}){1,3}(?![0-9])/g;

/** The de-identification check for anything leaving the workspace (library files, report texts). */
export function scanPersonalData(text: string): PersonalDataHit[] {
  const hits: PersonalDataHit[] = findIdentityNumbers(text).map((h) => ({ kind: h.kind, start: h.start, end: h.end, raw: h.raw }));
  const overlaps = (s: number, e: number) => hits.some((h) => s < h.end && e > h.start);
  for (const m of text.matchAll(EMAIL)) {
    if (!overlaps(m.index!, m.index! + m[0].length)) hits.push({ kind: 'e-postadress', start: m.index!, end: m.index! + m[0].length, raw: m[0] });
  }
  for (const m of text.matchAll(PHONE)) {
    const digits = m[0].replace(/\D/g, '');
    if (digits.length < 8 || digits.length > 13) continue;
    if (/^\d{4}-\d{2}-\d{2}$/.test(m[0].trim())) continue; // a date, not a phone number
    if (!overlaps(m.index!, m.index! + m[0].length)) hits.push({ kind: 'telefonnummer', start: m.index!, end: m.index! + m[0].length, raw: m[0] });
  }
  return hits.sort((a, b) => a.start - b.start);
}

/** A workspace's pseudonym for a person (`[PNR-xxxxxx]`, import/deidentify.ts). */
export const PNR_TOKEN = /\[PNR-[A-Za-z0-9]+\]/g;
/** What a published text (the PDF report, a library file) shows instead of personal data. */
export const REDACTED = '[uppgift borttagen]';

/**
 * The text with every pseudonym token replaced by REDACTED. A token is still personal data
 * (it links a person's cases within the workspace), so it never leaves in a published text.
 */
export function redactPseudonyms(text: string): { text: string; hits: number } {
  let hits = 0;
  const out = text.replace(PNR_TOKEN, () => {
    hits++;
    return REDACTED;
  });
  return { text: out, hits };
}
