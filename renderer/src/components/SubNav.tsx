import type { ReactNode } from 'react';
import { href } from '../router';

export interface SubNavItem {
  path: string;
  label: ReactNode;
  /** Also active for these path prefixes. */
  alsoFor?: string[];
}

/** Secondary navigation inside a feature (tabs as links; the current one has aria-current="page"). */
export function SubNav({ label, items, current }: { label: string; items: SubNavItem[]; current: string }) {
  const isActive = (it: SubNavItem) => current === it.path || (it.alsoFor ?? []).some((p) => current === p || current.startsWith(`${p}/`));
  return (
    <nav className="subnav" aria-label={label}>
      <ul>
        {items.map((it) => (
          <li key={it.path}>
            <a href={href(it.path)} aria-current={isActive(it) ? 'page' : undefined}>
              {it.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A publisher-key fingerprint in groups, monospace, readable aloud over the phone. */
export function Fingerprint({ value, label }: { value: string | null | undefined; label?: string }) {
  if (!value) return <span className="muted">(ingen nyckel ännu)</span>;
  const groups = value.includes(' ') ? value.split(/\s+/) : (value.match(/.{1,4}/g) ?? [value]);
  return (
    <code className="fingerprint" aria-label={label ? `${label}: ${groups.join(' ')}` : undefined}>
      {groups.map((g, i) => (
        <span key={i}>{g}</span>
      ))}
    </code>
  );
}
