/**
 * `GET /api/v1/events/:eventId/results/:raceId?catId=&detailed=true`: one race's results (a
 * best-run pair answers the same combined list for either id). Times are centiseconds.
 */
import type { ResultsResponse } from '@wire/api.ts';
import { apiGet, seg } from '../api-client.ts';

export interface RaceResultsQuery {
  eventId: string;
  raceId: string;
  catId: string | null;
  detailed?: boolean;
}

export function getRaceResults(q: RaceResultsQuery, signal?: AbortSignal): Promise<ResultsResponse> {
  const params = new URLSearchParams();
  if (q.catId) params.set('catId', q.catId);
  if (q.detailed) params.set('detailed', 'true');
  const query = params.size ? `?${params}` : '';
  return apiGet<ResultsResponse>(`/events/${seg(q.eventId)}/results/${seg(q.raceId)}${query}`, signal);
}
