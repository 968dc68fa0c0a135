/**
 * The one table of error codes Raceside answers with. Every non-2xx answer, REST or before a
 * WebSocket upgrade, is `{ error: <code>, message: <human text> }` (plus documented extras), and
 * the code, its HTTP status and its default message are defined here and nowhere else.
 * README.md § "Error codes" lists them; test/unit/wire/errors.test.ts keeps the two in step.
 */
export const errorTable = {
  InvalidJson: { status: 400, message: 'The request body is not valid JSON' },
  InvalidRequest: { status: 400, message: 'The request does not match the expected shape' },
  InvalidXml: { status: 400, message: 'The XML is not a readable Canoe123 export' },
  InvalidTransition: { status: 400, message: 'That status change is not allowed' },
  Unauthorized: { status: 401, message: 'Missing or wrong credentials' },
  Forbidden: { status: 403, message: 'Not allowed in the current state or with these credentials' },
  NotFound: { status: 404, message: 'Resource not found' },
  EventNotFound: { status: 404, message: 'Event not found or not publicly available' },
  RaceNotFound: { status: 404, message: 'Race not found' },
  Conflict: { status: 409, message: 'The resource already exists' },
  EventOfficial: { status: 410, message: 'Event results are official. No live updates available.' },
  PayloadTooLarge: { status: 413, message: 'The request body is too large' },
  UnsupportedMediaType: { status: 415, message: 'Send the body as application/json' },
  TooManyAttempts: { status: 429, message: 'Too many wrong attempts; wait and try again' },
  TooManyRequests: { status: 429, message: 'Too many requests from this address; wait and try again' },
  ConnectionLimitReached: { status: 503, message: 'Maximum number of concurrent connections reached for this event' },
  TooManyConnections: { status: 503, message: 'Too many live connections from this address' },
  InternalError: { status: 500, message: 'An unexpected error occurred' },
} as const;

export type ErrorCode = keyof typeof errorTable;
