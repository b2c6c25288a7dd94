import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

export interface IntakeLimits {
  /** Bodies larger than this are refused from their Content-Length, before a byte is read. */
  maxBodyBytes: number;
  /** Slack signs a timestamp; one further ahead than this is refused like a stale one. @defaultValue 300 */
  maxFutureSeconds?: number;
  now?: () => number;
}

function refuse(res: ServerResponse, status: number, text: string): void {
  // Closing the connection means the unread body is never taken off the socket.
  res.writeHead(status, { 'content-type': 'text/plain', connection: 'close' }).end(`${text}\n`);
}

/** Why a request is refused before its body is read, or undefined when it may go on. */
export function intakeRefusal(
  req: IncomingMessage,
  limits: IntakeLimits,
): { status: number; text: string } | undefined {
  const length = req.headers['content-length'];
  const hasBody = length !== undefined || req.headers['transfer-encoding'] !== undefined;
  if (hasBody && length === undefined)
    return { status: 411, text: 'a Content-Length is required (Slack always sends one)' };
  if (length !== undefined && !(Number(length) <= limits.maxBodyBytes))
    return { status: 413, text: `the body is larger than ${limits.maxBodyBytes} bytes` };
  const stamp = req.headers['x-slack-request-timestamp'];
  const now = Math.floor((limits.now ?? Date.now)() / 1000);
  if (typeof stamp === 'string' && Number(stamp) > now + (limits.maxFutureSeconds ?? 300))
    return { status: 401, text: 'the request timestamp is in the future' };
  return undefined;
}

/**
 * Puts the intake bounds in front of a request listener (Bolt's HTTP receiver, the ops server), so
 * a large or unsigned body costs neither memory nor a signature check.
 */
export function boundedIntake(inner: RequestListener, limits: IntakeLimits): RequestListener {
  return (req, res) => {
    const refusal = intakeRefusal(req, limits);
    if (refusal) return refuse(res, refusal.status, refusal.text);
    return inner(req, res);
  };
}
