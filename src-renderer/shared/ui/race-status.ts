/**
 * What a race's state is, from Canoe123's own `RaceStatus` codes (the codes real exports carry:
 * 0 scheduled, 1 startlist, 3 in progress, 4 unofficial, 5 official, 6 revised, 7 cancelled) and
 * the station's own official mark (`officialAt`). c123-live-mini used a 1..12 table of its own and
 * so never showed "official" for real data (docs/CANOE123-FORMATS.md); this is the one mapping both
 * renderer apps use.
 */

export type RaceState = 'scheduled' | 'startlist' | 'running' | 'unofficial' | 'official' | 'revised' | 'cancelled';

export interface RaceStatusInput {
  raceStatus: number;
  officialAt?: string | null;
}

/** The state of one race. A station official mark wins over whatever Canoe123 last said. */
export function raceState(race: RaceStatusInput): RaceState {
  if (race.officialAt) return 'official';
  switch (race.raceStatus) {
    case 1:
      return 'startlist';
    case 3:
      return 'running';
    case 4:
      return 'unofficial';
    case 5:
      return 'official';
    case 6:
      return 'revised';
    case 7:
      return 'cancelled';
    default:
      return 'scheduled';
  }
}

/** Official or revised: results are final. */
export function isFinal(state: RaceState): boolean {
  return state === 'official' || state === 'revised';
}

/** Has (or had) riders on the course: results worth showing. */
export function hasResults(state: RaceState): boolean {
  return state === 'running' || state === 'unofficial' || isFinal(state);
}

/**
 * The state of a best-run pair shown as one race: the 2nd run's state once it has begun, else the
 * 1st run's (a pair whose 1st run is official and 2nd not started is "running" from the
 * spectator's point of view only once the 2nd run starts, so it reads "unofficial" in between).
 */
export function combinedState(runs: RaceStatusInput[]): RaceState {
  if (runs.length === 1) return raceState(runs[0]);
  const states = runs.map(raceState);
  if (states.includes('running')) return 'running';
  const last = states[states.length - 1];
  if (last === 'scheduled' || last === 'startlist') {
    const first = states[0];
    return hasResults(first) ? 'unofficial' : first;
  }
  return last;
}
