/**
 * One event's live data source: reads the structure over REST, opens the LiveSocket, feeds both
 * into the pure reducer (live-event-state.ts) and fans results diffs out to whichever results view
 * is mounted. It owns every side effect of the event page's data: which REST reads happen when.
 *
 * - Start: GET the event. Unknown or draft → "not found". Official → REST only (the station refuses
 *   the socket with 410; asking it again would be a retry loop), never a socket. With the first
 *   view the page came with: start from it and open the socket at once.
 * - Socket messages go through the reducer; a `refresh` or a sequence gap also reloads the
 *   structure over REST; an `official` status diff stops the socket and reads once more over REST.
 * - Every `reloadToken` bump re-reads who is on course (a `full` does not carry it).
 * - While the socket is down for good (polling), each poll re-reads the structure and bumps the token.
 */
import type { CategoriesResponse, EventDetailResponse, OnCourseResponse, PublicEventStatus } from '@wire/api.ts';
import { LIVE_PROTOCOL, type WsDiffPayload, type WsMessage } from '@wire/live.ts';
import type { FirstView } from '@wire/first-view.ts';
import { ApiError, apiGet, seg } from '../api-client.ts';
import { LiveSocket, type LiveSocketOptions, type MessageInfo } from '../live-socket.ts';
import { initialLiveEventState, liveEventReducer, type LiveEventAction, type LiveEventState } from './live-event-state.ts';

export type ResultsListener = (diff: WsDiffPayload, info: MessageInfo) => void;

export interface LiveEventStoreDeps {
  /** The first view the page came with (shared/first-view.ts): the store starts from it. */
  firstView?: FirstView | null;
  get?: <T>(path: string) => Promise<T>;
  createSocket?: (options: LiveSocketOptions) => LiveSocket;
  wsUrl?: string;
}

export class LiveEventStore {
  private state: LiveEventState;
  private readonly listeners = new Set<() => void>();
  private readonly resultListeners = new Set<ResultsListener>();
  private socket: LiveSocket | null = null;
  private stopped = false;
  private readonly get: <T>(path: string) => Promise<T>;
  private readonly deps: LiveEventStoreDeps;
  private readonly base: string;

  readonly eventId: string;

  constructor(eventId: string, deps: LiveEventStoreDeps = {}) {
    this.eventId = eventId;
    this.state = initialLiveEventState(eventId, deps.firstView);
    this.deps = deps;
    this.get = deps.get ?? ((path) => apiGet(path));
    this.base = `/events/${seg(eventId)}`;
  }

  getState = (): LiveEventState => this.state;

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  /** Results diffs for the mounted results view(s). */
  onResults(fn: ResultsListener): () => void {
    this.resultListeners.add(fn);
    return () => this.resultListeners.delete(fn);
  }

  async start(): Promise<void> {
    const first = this.deps.firstView;
    if (first?.eventId === this.eventId) {
      // Everything the first screen needs came with the page: straight to the socket, which
      // says (by its seq) whether anything happened since.
      this.openSocket({ seq: first.seq, bootId: first.bootId });
      return;
    }
    const status = await this.loadStructure();
    if (this.stopped || status === null) return;
    if (status === 'official') this.goRestOnly();
    else this.openSocket();
  }

  stop(): void {
    this.stopped = true;
    this.socket?.stop();
    this.socket = null;
    this.listeners.clear();
    this.resultListeners.clear();
  }

  /** The page is visible again; after a long absence even an "open" socket may be a dead one. */
  wake(hiddenForMs: number): void {
    this.socket?.wake(hiddenForMs > 30_000);
  }

  private dispatch(action: LiveEventAction): void {
    const before = this.state;
    this.state = liveEventReducer(before, action);
    if (this.state === before) return;
    for (const fn of [...this.listeners]) fn();
    if (this.state.reloadToken !== before.reloadToken && this.state.event?.status !== 'official') void this.loadOncourse();
  }

  /** GET the event (+ categories); returns its status, or null when it cannot be read. */
  private async loadStructure(): Promise<PublicEventStatus | null> {
    try {
      const [detail, cats] = await Promise.all([
        this.get<EventDetailResponse>(this.base),
        this.get<CategoriesResponse>(`${this.base}/categories`).catch(() => null),
      ]);
      if (this.stopped) return null;
      this.dispatch({ type: 'structureLoaded', ...detail, categories: cats?.categories });
      return detail.event.status;
    } catch (err) {
      if (this.stopped) return null;
      const notFound = err instanceof ApiError && err.status === 404;
      this.dispatch({ type: 'loadFailed', error: notFound ? 'EventNotFound' : 'NetworkError' });
      // An unreachable station at first load is still worth a socket (it retries and polls).
      return notFound ? null : 'running';
    }
  }

  private async loadOncourse(): Promise<void> {
    try {
      const { oncourse } = await this.get<OnCourseResponse>(`${this.base}/oncourse`);
      if (!this.stopped) this.dispatch({ type: 'oncourseLoaded', oncourse });
    } catch {
      /* keep what we have; the next reload tries again */
    }
  }

  private goRestOnly(): void {
    this.socket?.stop();
    this.socket = null;
    this.dispatch({ type: 'linkChanged', link: { state: 'stopped', failures: 0, polling: false } });
    this.dispatch({ type: 'reloadRequested' });
  }

  private openSocket(known?: LiveSocketOptions['known']): void {
    const base = this.deps.wsUrl ?? `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1${this.base}/ws`;
    // The live protocol this app speaks (wire/live.ts): the station sends no form newer than it.
    const url = `${base}${base.includes('?') ? '&' : '?'}v=${LIVE_PROTOCOL}`;
    const options: LiveSocketOptions = {
      url,
      onMessage: (msg, info) => this.onMessage(msg, info),
      onStatus: (link) => this.dispatch({ type: 'linkChanged', link }),
      onPoll: () => {
        void this.loadStructure();
        this.dispatch({ type: 'reloadRequested' });
      },
      probe: () => this.probe(),
      known,
    };
    this.socket = this.deps.createSocket ? this.deps.createSocket(options) : new LiveSocket(options);
    this.socket.start();
  }

  private onMessage(msg: WsMessage, info: MessageInfo): void {
    this.dispatch({ type: 'messageReceived', msg, info });
    if (msg.type === 'refresh' || info.gap) void this.loadStructure();
    if (msg.type !== 'diff') return;
    const d = msg.data;
    if (d.results || d.removed || d.ranks || d.changed || d.moves) for (const fn of [...this.resultListeners]) fn(msg.data, info);
    if (d.status === 'official') this.goRestOnly();
  }

  /** Why did the socket fail? Gone → stop; official → REST only; anything else → keep trying. */
  private async probe(): Promise<'retry' | 'stop'> {
    const status = await this.loadStructure();
    if (this.stopped) return 'stop';
    if (status === 'official') {
      queueMicrotask(() => this.goRestOnly());
      return 'stop';
    }
    return status === null ? 'stop' : 'retry';
  }
}
