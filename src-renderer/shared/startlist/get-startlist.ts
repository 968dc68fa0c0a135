/** `GET /api/v1/events/:eventId/startlist/:raceId`: one race's start order and start times. */
import type { StartlistResponse } from '@wire/api.ts';
import { apiGet, seg } from '../api-client.ts';

export function getStartlist(eventId: string, raceId: string, signal?: AbortSignal): Promise<StartlistResponse> {
  return apiGet<StartlistResponse>(`/events/${seg(eventId)}/startlist/${seg(raceId)}`, signal);
}
