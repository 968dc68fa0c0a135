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
import { defaultScreenSettings, type LiveEventResponse, type ScreenConfig, type WsScreen } from '@wire/screens.ts';
import { apiGet } from '../api-client.ts';
import { LiveSocket, type LinkStatus } from '../live-socket.ts';
import { screenSocketUrl, type ScreenIdentity } from './screen-identity.ts';

export function fallbackConfig(id: ScreenIdentity, liveEventId: string | null): ScreenConfig {
  return {
    // Until the station answers, the defaults the station starts from (its first config replaces them).
    ...defaultScreenSettings,
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
