/**
 * Venue screens (issue 15): the big screen (`/board`), the live-stream overlay (`/overlay`) and the
 * announcer's view (`/announcer`). What a screen is told over its control socket, and what the
 * operator's dashboard reads and sets. Written once here for the station and the renderer.
 *
 * A screen opens `GET /api/v1/screens/ws?kind=<kind>&id=<screenId>[&event=<eventId>][&w=&h=]`
 * and receives `{ type: 'screen', bootId, data: ScreenConfig }` on connect and whenever what it
 * should show changes (the operator changed a setting, or the station's live event moved on).
 * Config messages carry no `seq`: each one is the complete config, so a missed one is repaired by
 * the next; `bootId` is the station's run, as on the event rooms' messages.
 *
 * Settings are layered: defaults (`defaultScreenSettings`, below) ← the kind's settings ← the screen's own ← the
 * address's `?event=` pin. Each layer is a `ScreenSettingsPatch`: a field that is absent inherits
 * from the layer below; `eventId: null` means "follow the station's live event", `raceId: null`
 * "follow the live race".
 *
 * Types and schemas only; no functions, no imports from outside wire/.
 */

export const screenKinds = ['board', 'overlay', 'announcer'] as const;
export type ScreenKind = (typeof screenKinds)[number];

export const screenThemes = ['dark', 'light'] as const;
export type ScreenTheme = (typeof screenThemes)[number];

/** `auto` follows the screen browser's own languages. */
export const screenLangs = ['auto', 'en', 'cs'] as const;
export type ScreenLang = (typeof screenLangs)[number];

/** A stable screen id, made by the screen itself and kept in its localStorage. */
export const screenIdPattern = '^[A-Za-z0-9_-]{4,64}$';

export interface ScreenSettings {
  /** The event to show; null follows the station's live event. */
  eventId: string | null;
  /** The race to show (either run of a best-run pair); null follows the live race. */
  raceId: string | null;
  /** The category to show; null shows the whole field (the board then pages through categories). */
  catId: string | null;
  lang: ScreenLang;
  theme: ScreenTheme;
  /** Overlay: the lower-third for the rider on course. */
  lowerThird: boolean;
  /** Overlay: the finish card, shown for a few seconds after each finish. */
  finishCard: boolean;
  /** Overlay: the top-N card, shown while this is on (the operator's "show top N now"). */
  topCard: boolean;
  /** Rows on the overlay's top-N card. */
  topCount: number;
  /** Board: seconds each page of results stays up. */
  pageSeconds: number;
}

/**
 * What a venue screen shows when nobody set anything (the bottom layer): the station's live event
 * and race, the whole field, the browser's language, the dark theme, the overlay's lower-third and
 * finish card on and its top-N card (8 rows) off, 8 s per board page. settings.ts re-exports it
 * beside the station's other defaults; a screen's page shows it until the station has answered.
 */
export const defaultScreenSettings: ScreenSettings = {
  eventId: null,
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

/** One stored layer (a kind's or a screen's): only the fields it sets. */
export type ScreenSettingsPatch = Partial<ScreenSettings>;

/** Where a screen's event came from. */
export type ScreenEventSource = 'url' | 'screen' | 'kind' | 'live';

/** What one screen must show now: every layer applied, the event resolved. */
export interface ScreenConfig extends Omit<ScreenSettings, 'eventId'> {
  screenId: string;
  kind: ScreenKind;
  /** The operator's name for this screen ("Finish LED wall"), if any. */
  label: string | null;
  /** The event to show (public, not a draft), or null when there is none to show yet. */
  eventId: string | null;
  eventSource: ScreenEventSource;
  /** An event the screen was pinned to that is not (or no longer) public: it waits for it. */
  waitingFor: string | null;
}

export type WsScreen = { type: 'screen'; bootId: string; data: ScreenConfig };

/** A screen the station knows: connected now, or given its own settings or name earlier. */
export interface ScreenInfo {
  screenId: string;
  kind: ScreenKind;
  label: string | null;
  /** Open control sockets of this screen (0: known but offline). */
  connections: number;
  address: string | null;
  /** The screen's viewport as it reported it (`w`×`h`), if it did. */
  viewport: string | null;
  connectedAt: string | null;
  lastSeenAt: string | null;
  /** The screen's own layer, or null when it follows its kind. */
  settings: ScreenSettingsPatch | null;
  /** What it shows now (for an offline screen: what it would show). */
  config: ScreenConfig;
}

/** `GET /api/v1/admin/screens` (operator). */
export interface ScreensOverview {
  defaults: ScreenSettings;
  kinds: Record<ScreenKind, ScreenSettingsPatch>;
  screens: ScreenInfo[];
  liveEventId: string | null;
}

/** The body of `PUT /api/v1/admin/screens/kinds/:kind` and (with `label`) `PUT /api/v1/admin/screens/:screenId`. */
export const screenSettingsPatchSchema = {
  type: 'object',
  properties: {
    eventId: { type: ['string', 'null'], minLength: 1, maxLength: 200 },
    raceId: { type: ['string', 'null'], minLength: 1, maxLength: 200 },
    catId: { type: ['string', 'null'], minLength: 1, maxLength: 100 },
    lang: { type: 'string', enum: screenLangs },
    theme: { type: 'string', enum: screenThemes },
    lowerThird: { type: 'boolean' },
    finishCard: { type: 'boolean' },
    topCard: { type: 'boolean' },
    topCount: { type: 'integer', minimum: 3, maximum: 12 },
    pageSeconds: { type: 'integer', minimum: 4, maximum: 60 },
  },
  additionalProperties: false,
} as const;

/** `GET /api/v1/live-event` (public): the event screens with no `?event=` follow. */
export const liveEventResponseSchema = {
  type: 'object',
  properties: {
    eventId: { type: ['string', 'null'] },
    status: { type: ['string', 'null'] },
  },
  required: ['eventId', 'status'],
  additionalProperties: false,
} as const;
export interface LiveEventResponse {
  /** The running event (the one that started last, if several run); else the public event changed last; null when none is public. */
  eventId: string | null;
  status: string | null;
}
