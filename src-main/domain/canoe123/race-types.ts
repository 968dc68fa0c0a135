/**
 * Canoe123's discipline ids (`Schedule/DisId`) mapped to the public race types that
 * c123-live-mini publishes (docs/CANOE123-FORMATS.md, "Race ids and race types"), so existing
 * clients keep understanding `raceType`.
 *
 * It owns the table only; it never guesses from race ids or titles.
 */
import type { PublicRaceType } from '../../wire/api.ts';

// Canoe123's documentation glosses TSR as "Team Single Run" and SR as "Single Run"; the public
// names below are c123-live-mini's and must stay as they are for wire compatibility.
const raceTypeByDisId: Readonly<Record<string, PublicRaceType>> = {
  BR1: 'best-run-1',
  BR2: 'best-run-2',
  TSR: 'training',
  SR: 'seeding',
  QUA: 'qualification',
  SEM: 'semifinal',
  FIN: 'final',
  XT: 'cross-trial',
  X4: 'cross-heat',
  XS: 'cross-semifinal',
  XF: 'cross-final',
  XER: 'cross-extra',
};

/** The public race type of a `DisId` (case-insensitive); `unknown` for anything not in the table. */
export function raceTypeOf(disId: string): PublicRaceType {
  const key = disId.trim().toUpperCase();
  return Object.hasOwn(raceTypeByDisId, key) ? raceTypeByDisId[key] : 'unknown';
}
