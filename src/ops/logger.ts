import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** Tokens look like these even when we were not told the value (a pasted token in a message). */
const TOKEN_SHAPES =
  /\b(xox[abposr]-[A-Za-z0-9-]{8,}|xapp-[A-Za-z0-9-]{8,}|[MN][A-Za-z\d_-]{23,25}\.[A-Za-z\d_-]{6}\.[A-Za-z\d_-]{27,})\b/g;

/**
 * Structured JSON logs. Every line passes a last scrub for the configured secrets and for anything
 * shaped like a Slack or Discord token, so a token never reaches a log even by accident.
 */
export function createLogger(
  options: { level: string; secrets: readonly string[]; name: string },
  destination?: DestinationStream,
): Logger {
  const secrets = options.secrets.filter((s) => s.length >= 6);
  const scrub = (line: string) => {
    let out = line.replace(TOKEN_SHAPES, '[redacted]');
    for (const secret of secrets) out = out.split(secret).join('[redacted]');
    return out;
  };
  return pino(
    {
      name: options.name,
      level: options.level,
      base: { service: options.name },
      redact: {
        paths: ['token', '*.token', 'headers.authorization', '*.headers.authorization', 'env', '*.env'],
        censor: '[redacted]',
      },
      hooks: { streamWrite: scrub },
    },
    destination ?? pino.destination({ dest: 2, sync: false }),
  );
}
