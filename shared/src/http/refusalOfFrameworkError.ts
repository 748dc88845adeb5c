import { HttpRefusal } from './HttpRefusal.js';

/**
 * The refusal a caller gets for an error raised before GraphQL: ours
 * (HttpRefusal) as it is, the framework's (body too large, wrong media type,
 * malformed JSON) translated to our codes. Undefined for anything else, which
 * is a failure on our side.
 */
export function refusalOfFrameworkError(error: unknown, bodyLimitBytes: number): HttpRefusal | undefined {
  if (error instanceof HttpRefusal) return error;
  const code = (error as { code?: unknown }).code;
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new HttpRefusal({
        status: 413,
        code: 'PAYLOAD_TOO_LARGE',
        message: `The request body is larger than ${bodyLimitBytes} bytes. Send SSINs in variables, at most a thousand a call.`,
      });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new HttpRefusal({
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: 'Send the operation as JSON, with Content-Type: application/json.',
      });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new HttpRefusal({
        status: 400,
        code: 'BAD_REQUEST',
        message: 'The request body is not valid JSON.',
        extensions: { reason: 'BODY_NOT_JSON' },
      });
    default:
      return undefined;
  }
}
