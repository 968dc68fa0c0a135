/**
 * A venue screen's control link: the shared LiveSocket (reconnects with backoff and jitter, a
 * watchdog for silent sockets, polling while the station stays unreachable) on the screen's
 * control socket, handing each `screen` config to the page. It never gives up: a screen runs all
 * day and outlives station restarts and Wi-Fi drops.
 *
 * Until the first config arrives (the station unreachable, or its screen slots full), the page
 * still shows something: while polling, the public `GET /api/v1/live-event` stands in with the
 * default settings, and the address's `?event=` pin wins over it.
 */
import type { LiveEventResponse, ScreenConfig, ScreenSettings, WsScreen } from '@wire/screens.ts';
import { apiGet } from '../api-client.ts';
import { LiveSocket, type LinkStatus } from '../live-socket.ts';
import { screenSocketUrl, type ScreenIdentity } from './screen-identity.ts';

/**
 * What a screen shows before it has heard from the station (the station's own defaults live in
 * src-main/settings.ts and reach the screen with its first config; these only bridge that gap).
 */
const fallbackSettings: Omit<ScreenSettings, 'eventId'> = {
  raceId: null,
  catId: null,
  lang: 'auto',
  theme: 'dark',
  lowerThird: true,
  finishCard: true,
  topCard: false,
  topCount: 8,
  pageSeconds: 8,
};

export function fallbackConfig(id: ScreenIdentity, liveEventId: string | null): ScreenConfig {
  return {
    ...fallbackSettings,
    screenId: id.screenId,
    kind: id.kind,
    label: null,
    eventId: id.pinnedEvent ?? liveEventId,
    eventSource: id.pinnedEvent ? 'url' : 'live',
    waitingFor: null,
  };
}

export interface ScreenLinkOptions {
  identity: ScreenIdentity;
  onConfig(config: ScreenConfig, fromStation: boolean): void;
  onStatus(status: LinkStatus): void;
  viewport(): { w: number; h: number };
}

export class ScreenLink {
  private readonly socket: LiveSocket<WsScreen>;
  private readonly o: ScreenLinkOptions;
  private heard = false;

  constructor(o: ScreenLinkOptions) {
    this.o = o;
    this.socket = new LiveSocket<WsScreen>({
      url: screenSocketUrl(o.identity, location, o.viewport()),
      onMessage: (msg) => {
        if (msg.type !== 'screen' || !msg.data) return;
        this.heard = true;
        o.onConfig(msg.data, true);
      },
      onStatus: (s) => o.onStatus(s),
      onPoll: () => void this.pollLiveEvent(),
      // A screen never stops: whatever the station said, try again.
      probe: async () => 'retry',
    });
  }

  start(): void {
    this.socket.start();
  }

  stop(): void {
    this.socket.stop();
  }

  wake(force: boolean): void {
    this.socket.wake(force);
  }

  private async pollLiveEvent(): Promise<void> {
    if (this.heard) return;
    try {
      const live = await apiGet<LiveEventResponse>('/live-event');
      if (!this.heard) this.o.onConfig(fallbackConfig(this.o.identity, live.eventId), false);
    } catch {
      /* still unreachable: the next poll tries again */
    }
  }
}
