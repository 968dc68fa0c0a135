/**
 * Turns every failure into the one error body `{ error, message, ...detail }` with the status of
 * wire/errors.ts: station refusals, schema failures, malformed or oversized bodies, unknown routes.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { errorTable, type ErrorCode } from '../wire/errors.ts';
import { StationError } from '../station-core.ts';

export function errorBody(code: ErrorCode, message?: string, detail: Record<string, unknown> = {}) {
  return { error: code, message: message ?? errorTable[code].message, ...detail };
}

export function sendError(reply: FastifyReply, code: ErrorCode, message?: string, detail?: Record<string, unknown>) {
  return reply
    .code(errorTable[code].status)
    .type('application/json')
    .send(errorBody(code, message, detail));
}

const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'InvalidJson',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'InvalidJson',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PayloadTooLarge',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UnsupportedMediaType',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'InvalidRequest',
  FST_ERR_CTP_INVALID_TYPE: 'UnsupportedMediaType',
};

export function handleError(err: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (err instanceof StationError) return sendError(reply, err.code, err.message, err.detail);
  const fe = err as FastifyError;
  if (fe.validation) {
    return sendError(reply, 'InvalidRequest', `Invalid request: ${describeValidation(fe)}`);
  }
  const mapped = fe.code ? fastifyCodes[fe.code] : undefined;
  if (mapped === 'InvalidJson') return sendError(reply, mapped, `The request body is not valid JSON: ${fe.message}`);
  if (mapped === 'PayloadTooLarge') return sendError(reply, mapped, 'The request body is too large for this route');
  if (mapped) return sendError(reply, mapped);
  if (err instanceof SyntaxError) return sendError(reply, 'InvalidJson', `The request body is not valid JSON: ${err.message}`);
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return sendError(reply, 'InvalidRequest', fe.message);
  }
  request.log.error({ err }, 'unexpected error');
  return sendError(reply, 'InternalError');
}

function describeValidation(err: FastifyError): string {
  const first = err.validation?.[0];
  if (!first) return err.message;
  const where = `${err.validationContext ?? 'body'}${first.instancePath ? first.instancePath.replaceAll('/', '.') : ''}`;
  if (first.keyword === 'required') return `${where} is missing the field '${(first.params as { missingProperty: string }).missingProperty}'`;
  if (first.keyword === 'additionalProperties') return `${where} has an unknown field '${(first.params as { additionalProperty: string }).additionalProperty}'`;
  return `${where} ${first.message}`;
}
