/** `GET /api/v1/events`: the published (non-draft) events, newest first. */
import type { EventListResponse } from '@wire/api.ts';
import { apiGet } from '../../shared/api-client.ts';

export function getEvents(signal?: AbortSignal): Promise<EventListResponse> {
  return apiGet<EventListResponse>('/events', signal);
}
