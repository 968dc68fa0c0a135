/** A results row for the results tests: an unranked, unfinished ZS rider, with the fields given. */
import type { PublicResult } from '@wire/api.ts';

export function row(id: string, over: Partial<PublicResult> = {}): PublicResult {
  return {
    participantId: id,
    rnk: null,
    bib: Number(id.replace(/\D/g, '')) || null,
    athleteId: null,
    name: `N ${id}`,
    club: null,
    noc: null,
    catId: 'ZS',
    catRnk: null,
    time: null,
    pen: null,
    total: null,
    totalBehind: null,
    catTotalBehind: null,
    status: null,
    startOrder: null,
    year: null,
    ...over,
  };
}
