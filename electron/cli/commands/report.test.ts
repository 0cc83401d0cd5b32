/**
 * `samsyn report` end to end: a demo workspace with planted identity numbers, the PDF printed
 * headless, its text (pdftotext) compared figure by figure with `indicators --json` for the same
 * inputs; the analyst's text with an identity number blocks the export; case texts are redacted.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogue } from '../../../shared/indicators/catalogue';
import type { IndicatorsDocument } from '../../../shared/indicators/schemas';
import { countOf, formatDecimal, formatInt, formatPercent, formatSek } from '../../../shared/format';
import { findChromium } from '../../transport/print-pdf';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const PNR = '19121212-1212';
const FROM = '2026-07-01';
const TO = '2026-09-30';
const AS_OF = '2026-11-03';

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'samsyn.mjs'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
  return { code: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
}

/** Every word on one page of a PDF with its box (pdftotext -bbox), "x0 y0 x1 y1 word" per line. */
function wordBoxes(file: string, page: number): string[] {
  const html = spawnSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' }).stdout;
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map(
    // dates as a placeholder: the report date is today's, and the two reports may straddle midnight
    (m) => `${Number(m[1]).toFixed(1)} ${Number(m[2]).toFixed(1)} ${Number(m[3]).toFixed(1)} ${Number(m[4]).toFixed(1)} ${m[5]!.replace(/\d{4}-\d{2}-\d{2}/g, 'ÅÅÅÅ-MM-DD')}`,
  );
}
const pageCount = (file: string) => Number(/Pages:\s+(\d+)/.exec(spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout)?.[1]);

const label = (id: string) => catalogue.find((e) => e.id === id)!.label;
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const norm = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');

// Chromium and poppler are part of the test set-up (.ci/run installs them): missing tools fail here.
describe('samsyn report', () => {
  it('has Chromium and pdftotext to work with', () => {
    expect(findChromium(), 'Chromium saknas: installera paketet chromium eller sätt SAMSYN_CHROMIUM').toBeTruthy();
    expect(spawnSync('pdftotext', ['-v']).status, 'pdftotext saknas: installera poppler-utils').toBe(0);
  });

  let dir: string;
  let db: string;
  let pdf: string;
  let text = '';
  let doc: IndicatorsDocument;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samsyn-report-'));
    db = path.join(dir, 'ws.samsyn');
    pdf = path.join(dir, 'rapport.pdf');
    const demo = cli(['demo', '--db', db, '--today', '2026-11-05', '--seed', '7']);
    expect(demo.code, demo.stderr).toBe(0);
    // plant an identity number in case texts that the report derives one-liners from
    const s = new Database(db);
    const disp = s.prepare('SELECT id FROM disputes WHERE opened_at BETWEEN ? AND ? ORDER BY opened_at LIMIT 1').pluck().get(FROM, TO) as number;
    s.prepare('UPDATE disputes SET principled = 1, summary = ? WHERE id = ?').run(`Oenighet om ansvar för patient ${PNR} efter utskrivning från sjukhus.`, disp);
    s.prepare(`UPDATE deviations SET description = ? WHERE id = (SELECT id FROM deviations WHERE reported_at BETWEEN ? AND ? LIMIT 1)`).run(`Patient ${PNR} fick fel läkemedel.`, FROM, TO);
    const lesson = s.prepare('SELECT id FROM lessons WHERE recorded_on BETWEEN ? AND ? LIMIT 1').pluck().get(FROM, TO) as number | undefined;
    if (lesson) s.prepare('UPDATE lessons SET text = ? WHERE id = ?').run(`Rutinen för ${PNR} följdes inte; ring 070-123 45 67.`, lesson);
    s.close();
    const ind = cli(['indicators', '--db', db, '--from', FROM, '--to', TO, '--as-of', AS_OF, '--json']);
    expect(ind.code, ind.stderr).toBe(0);
    doc = JSON.parse(ind.stdout) as IndicatorsDocument;
  }, 300_000);

  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to export an analysis text with an identity number (exit 1, no file)', () => {
    const r = cli(['report', '--db', db, '--from', FROM, '--to', TO, '--as-of', AS_OF, '--out', pdf, '--analysis', `Se ärendet för ${PNR}.`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/personuppgifter/);
    expect(fs.existsSync(pdf)).toBe(false);
  }, 300_000);

  it('writes a tagged A4 PDF whose figures equal indicators --json', () => {
    const r = cli([
      'report', '--db', db, '--from', FROM, '--to', TO, '--as-of', AS_OF, '--out', pdf,
      '--summary', 'Sammanfattande bedömning: fler avvikelser i övergångar mellan vårdgivare.',
      '--analysis', 'Förslag: gemensam genomgång av rutinen för utskrivning i Fyrbodal.',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    text = norm(spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout);
    const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout;
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(4);
    expect(pages).toBeLessThanOrEqual(14);
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(info).toMatch(/Title:\s+Uppföljning av avvikelser och oenighet i samverkan — /);
    expect(text).toContain(`Sida 1 av ${pages}`);
    expect(text).toContain(`Sida ${pages} av ${pages}`);
    expect(text).toContain(`Data per ${AS_OF}`);
    expect(text).toContain('Sammanfattande bedömning: fler avvikelser i övergångar mellan vårdgivare.');
    expect(text).toContain('Förslag: gemensam genomgång av rutinen för utskrivning i Fyrbodal.');

    const v = doc.indicators;
    const row = (l: string, value: string) => expect(text, `${l} → ${value}`).toMatch(new RegExp(`${esc(l)}( \\(\\d+ dagar\\))? ${esc(value)}( |$)`));
    const share = (s: { numerator: number; denominator: number; share: number | null }) => `${formatPercent(s.share, 1)} (${formatInt(s.numerator)} av ${formatInt(s.denominator)})`;
    row(label('dev.count'), formatInt(v['dev.count']));
    if (v['dev.per10k'] !== null) expect(text).toContain(`(${formatDecimal(v['dev.per10k'], 2)} per 10 000 invånare)`);
    row(label('dev.severe'), formatInt(v['dev.severe']));
    row(label('disp.opened'), formatInt(v['disp.opened']));
    row(label('disp.resolved'), formatInt(v['disp.resolved']));
    row(label('disp.reachedTvist'), formatInt(v['disp.reachedTvist']));
    row(label('disp.principled'), formatInt(v['disp.principled']));
    row(label('disp.resolvedAtStep1'), share(v['disp.resolvedAtStep1']));
    row(label('disp.temporarySolution'), share(v['disp.temporarySolution']));
    row(label('dev.answeredWithinDeadline'), share(v['dev.answeredWithinDeadline']));
    row(label('dev.closedShare'), share(v['dev.closedShare']));
    row(label('dev.recurring'), share(v['dev.recurring']));
    row(label('disp.economicSettlement'), `${countOf(v['disp.economicSettlement'].count, 'ärende', 'ärenden')}, sammanlagt ${formatSek(v['disp.economicSettlement'].totalSek)}`);
    expect(text).toContain(`varav ${formatInt(v['dev.severe'])} allvarliga`);
    expect(text).toMatch(new RegExp(`Totalt öppna ${v['disp.openAtEnd'].total}( |$)`));
    for (const c of v['dev.byCategory']) expect(text).toContain(`${formatInt(c.count)} (${formatPercent(c.share, 1)})`);
    // per kommun, with small-cell suppression (on by default); the total is exact
    for (const k of v['dev.byKommun']) {
      const cell = k.count >= 1 && k.count <= 4 ? '<5' : formatInt(k.count);
      expect(text, k.kommun).toMatch(new RegExp(`${esc(k.kommun)} ${esc(cell)} `));
    }
    expect(text).toMatch(new RegExp(`Totalt ${esc(formatInt(v['dev.count']))} `));
    // the run chart's signal in words
    expect(text).toMatch(/Analys enligt Anhøjs regler: (Signal|Ingen signal|Ingen analys)/);
  }, 300_000);

  it('refuses --out that is the workspace or its -wal file, before anything is written; the workspace still opens', () => {
    const before = fs.readFileSync(db);
    const savedBefore = cli(['indicators', '--db', db, '--from', FROM, '--to', TO, '--as-of', AS_OF, '--json']);
    for (const out of [db, `${db}-wal`, path.join(dir, '.', 'ws.samsyn')]) {
      const r = cli(['report', '--db', db, '--from', FROM, '--to', TO, '--as-of', AS_OF, '--out', out]);
      expect(r.code, out).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(out.endsWith('-wal') ? /^Rapporten kan inte sparas som .*: det är en av arbetsytans databasfiler \(ws\.samsyn-wal\)/ : /^Rapporten kan inte sparas som .*: det är arbetsytan \(--db\)/);
    }
    expect(fs.existsSync(`${db}-wal`)).toBe(false);
    expect(fs.readFileSync(db).equals(before)).toBe(true);
    const s = new Database(db, { readonly: true, fileMustExist: true });
    expect(s.prepare('SELECT count(*) FROM saved_reports').pluck().get()).toBe(1);
    s.close();
    const after = cli(['indicators', '--db', db, '--from', FROM, '--to', TO, '--as-of', AS_OF, '--json']);
    expect(after.code, after.stderr).toBe(0);
    expect(after.stdout).toBe(savedBefore.stdout);
  }, 300_000);

  it('refuses --out over another SQLite database, a folder, or an existing file that is not a PDF (says what to write)', () => {
    const other = path.join(dir, 'annan-arbetsyta.pdf');
    fs.copyFileSync(db, other);
    const otherBytes = fs.readFileSync(other);
    let r = cli(['report', '--db', db, '--from', FROM, '--to', TO, '--out', other]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/filen är en SQLite-databas/);
    expect(fs.readFileSync(other).equals(otherBytes)).toBe(true);

    r = cli(['report', '--db', db, '--from', FROM, '--to', TO, '--out', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/det är en mapp – ange ett filnamn som slutar på \.pdf/);

    const notes = path.join(dir, 'notes.txt');
    fs.writeFileSync(notes, 'important notes');
    r = cli(['report', '--db', db, '--from', FROM, '--to', TO, '--out', notes]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(
      `Rapporten skrivs inte över ${notes}: filen finns redan och slutar inte på .pdf, så den är troligen något annat – skriv till exempel --out ${path.join(dir, 'notes.pdf')}.`,
    );
    expect(fs.readFileSync(notes, 'utf8')).toBe('important notes');
  }, 300_000);

  it('overwrites an older PDF of the same name (scheduled jobs), leaving no temporary file', () => {
    const older = path.join(dir, 'forra-kvartalet.pdf');
    fs.writeFileSync(older, '%PDF-1.4\n% an older report\n');
    const r = cli(['report', '--db', db, '--from', FROM, '--to', TO, '--as-of', AS_OF, '--out', older]);
    expect(r.code, r.stderr).toBe(0);
    const bytes = fs.readFileSync(older);
    expect(bytes.byteLength).toBeGreaterThan(10_000);
    expect(pageCount(older)).toBeGreaterThanOrEqual(4);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 300_000);

  it('wraps a long unbreakable token in the analysis: no text lost, page scale and page 1 unchanged', () => {
    expect(fs.existsSync(pdf)).toBe(true);
    const url =
      'https://intra.vgregion.se/sites/Samverkan/Delade%20dokument/Forms/AllItems.aspx?id=%2Fsites%2FSamverkan%2FDelade%20dokument%2FRutiner%2FAvvikelserutin2027%2Epdf&parent=%2Fsites%2FSamverkan';
    const word = 'Långtordutanmellanslag'.repeat(12);
    const long = path.join(dir, 'lang.pdf');
    const r = cli([
      'report', '--db', db, '--from', FROM, '--to', TO, '--as-of', AS_OF, '--out', long,
      '--summary', 'Sammanfattande bedömning: fler avvikelser i övergångar mellan vårdgivare.',
      '--analysis', `Förslag: gemensam genomgång av rutinen för utskrivning i Fyrbodal.\n\nSe rutinen: ${url}\n\n${word}`,
    ]);
    expect(r.code, r.stderr).toBe(0);
    // every character is in the PDF (lines joined)
    const joined = spawnSync('pdftotext', ['-raw', long, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, '');
    expect(joined).toContain(url);
    expect(joined).toContain(word);
    // Chromium did not shrink the pages to fit the token: page 1 (before the analysis) is laid out
    // exactly as in the report without it, and no page was saved by shrinking
    // the footer's page total ("Sida 1 av N", the page's last word) may differ when the longer analysis takes another page
    const body = (f: string) => wordBoxes(f, 1).slice(0, -1);
    expect(wordBoxes(long, 1).at(-1)).toMatch(/ \d+$/);
    expect(body(long)).toEqual(body(pdf));
    expect(pageCount(long)).toBeGreaterThanOrEqual(pageCount(pdf));
  }, 300_000);

  it('keeps identity numbers out of the PDF and redacts the case texts it shows', () => {
    expect(text).not.toContain(PNR);
    expect(text).not.toContain(PNR.replace('-', '').slice(2));
    expect(text).not.toMatch(/\[PNR-/);
    expect(text).not.toContain('070-123 45 67');
    // the planted one-liner is shown redacted (the cell may wrap inside the words)
    expect(text).toMatch(/\[uppgift/);
    expect(text).toMatch(/Avidentifiering: [1-9]\d* personuppgift/);
  });
});
