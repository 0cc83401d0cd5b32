/**
 * Renders a search snippet with its hits marked. The text is passed as React children
 * (escaped by React), never as HTML. Accepts either the core's parts, or a string where
 * hits are wrapped in « ».
 */
export function Highlighted({ parts, text }: { parts?: { text: string; hit: boolean }[]; text?: string }) {
  const list = parts ?? splitMarkers(text ?? '');
  return (
    <>
      {list.map((p, i) =>
        p.hit ? (
          <mark key={i} className="hit">
            {p.text}
          </mark>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </>
  );
}

/** Splits "a «b» c" into parts (unbalanced markers are shown as text). */
export function splitMarkers(s: string): { text: string; hit: boolean }[] {
  const out: { text: string; hit: boolean }[] = [];
  const re = /«([^«»]*)»/g;
  let last = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    if (m.index > last) out.push({ text: s.slice(last, m.index), hit: false });
    out.push({ text: m[1]!, hit: true });
    last = m.index + m[0].length;
  }
  if (last < s.length) out.push({ text: s.slice(last), hit: false });
  return out;
}
