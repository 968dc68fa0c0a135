/**
 * The spectator's own filters over a results list or a startlist: a text search over name, club
 * and bib (accents and case ignored, so "novak" finds "NOVÁK") and "favourites only". Filters
 * only hide rows; ranks and start order stay the real ones. Pure.
 */

export interface Searchable {
  name: string;
  club: string | null;
  bib: number | null;
}

export function normalize(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();
}

export function matchesSearch(row: Searchable, query: string): boolean {
  const q = normalize(query);
  if (!q) return true;
  if (/^\d+$/.test(q) && row.bib !== null && String(row.bib).startsWith(q)) return true;
  return normalize(row.name).includes(q) || (row.club !== null && normalize(row.club).includes(q));
}

export function filterRows<T extends Searchable>(rows: readonly T[], query: string, favOnly: boolean, isFav: (row: T) => boolean): T[] {
  return rows.filter((r) => matchesSearch(r, query) && (!favOnly || isFav(r)));
}
