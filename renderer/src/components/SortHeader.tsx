/** A sortable column header: a button inside <th scope="col"> with aria-sort. */
export function SortHeader({
  label,
  direction,
  onToggle,
  className,
}: {
  label: string;
  /** 'ascending' | 'descending' when the list is sorted by this column, else undefined */
  direction: 'ascending' | 'descending' | undefined;
  onToggle(): void;
  className?: string;
}) {
  const arrow = direction === 'ascending' ? '▲' : direction === 'descending' ? '▼' : '↕';
  const next = direction === 'descending' ? 'stigande' : 'fallande';
  return (
    <th scope="col" aria-sort={direction ?? 'none'} className={className}>
      <button type="button" className="sort-button" onClick={onToggle} title={`Sortera ${next}`}>
        {label} <span aria-hidden="true">{arrow}</span>
        <span className="visually-hidden">{direction ? `, sorterad ${direction === 'ascending' ? 'stigande' : 'fallande'}` : ''}</span>
      </button>
    </th>
  );
}
