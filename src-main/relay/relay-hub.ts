/**
 * A relay's spectator hub: the station's rooms, caps, heartbeat and slow-socket cut-off
 * (live/spectator-hub.ts, live/room.ts) without its message building. The relay forwards the
 * writer's messages as they are (`forward`) and greets a joining socket with the event's `full`
 * from its copy, at the seq of the last message it forwarded and the writer's boot id, in the
 * hub's own format.
 */
import type { Settings } from '../settings.ts';
import { SpectatorHub, fullMessageText } from '../live/spectator-hub.ts';
import { DOC } from '../outlets/redis/layout.ts';
import type { RelayCopies } from './relay-source.ts';

export class RelayHub extends SpectatorHub {
  private readonly copies: RelayCopies;

  constructor(settings: Settings, copies: RelayCopies) {
    // The relay never publishes decided changes: it has no state to build messages from.
    super(settings, () => undefined, 'relay');
    this.copies = copies;
  }

  protected override welcome(eventId: string): string | null {
    const copy = this.copies.events.get(eventId);
    const data = copy?.json(DOC.full);
    return copy && data !== undefined ? fullMessageText(copy.seq, copy.bootField, data) : null;
  }
}
