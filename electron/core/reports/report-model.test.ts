import { describe, expect, it } from 'vitest';
import { oneLine, pageTemplates, periodLabel, redact, reportFileName, REDACTED } from './report-model';
import { blockedMessage, checkTexts } from './handlers';

describe('report model helpers', () => {
  it('names periods in Swedish', () => {
    expect(periodLabel('2026-07-01', '2026-09-30')).toBe('kvartal 3 2026');
    expect(periodLabel('2026-05-01', '2026-08-31')).toBe('tertial 2 2026');
    expect(periodLabel('2026-01-01', '2026-06-30')).toBe('första halvåret 2026');
    expect(periodLabel('2026-01-01', '2026-12-31')).toBe('år 2026');
    expect(periodLabel('2026-02-01', '2026-02-28')).toBe('februari 2026');
    expect(periodLabel('2026-01-05', '2026-02-10')).toBe('2026-01-05 – 2026-02-10');
  });

  it('redacts identity numbers, phone numbers, e-mail and pseudonym tokens', () => {
    const r = redact('Patient 19121212-1212 [PNR-ABC123], ring 070-123 45 67 eller a.b@vgregion.se den 2026-03-01.');
    expect(r.text).not.toMatch(/1212|PNR|070|@/);
    expect(r.text).toContain('2026-03-01');
    expect(r.hits).toBe(4);
    expect(r.text.split(REDACTED).length - 1).toBe(4);
  });

  it('makes a one-line summary of the first sentence', () => {
    expect(oneLine('Oenighet om ansvaret för hemsjukvården. Mer text här.')).toBe('Oenighet om ansvaret för hemsjukvården.');
    expect(oneLine('x'.repeat(300)).length).toBeLessThanOrEqual(162);
  });

  it('blocks analyst texts with personal data and says where', () => {
    const c = checkTexts('Bra kvartal.', 'Se 19121212-1212.');
    expect(c.ok).toBe(false);
    expect(c.analysis).toHaveLength(1);
    expect(blockedMessage(c)).toMatch(/analysen \(personnummer\)/);
    expect(checkTexts('Inga uppgifter.', '').ok).toBe(true);
  });

  it('page templates carry "Sida x av y", the as-of date and escaped names', () => {
    const t = pageTemplates({ delregion: { id: 'custom', name: 'A & <B>' }, period: { from: '2026-01-01', to: '2026-03-31', label: 'kvartal 1 2026' }, asOf: '2026-04-02' });
    expect(t.footerTemplate).toContain('Sida <span class="pageNumber"></span> av <span class="totalPages"></span>');
    expect(t.footerTemplate).toContain('Data per 2026-04-02');
    expect(t.headerTemplate).toContain('A &amp; &lt;B&gt; · kvartal 1 2026');
    expect(reportFileName('Sjuhärad (Boråsregionen)', '2026-01-01', '2026-03-31')).toBe('Samsyn-rapport-Sjuharad-Borasregionen-2026-01-01--2026-03-31.pdf');
  });
});
