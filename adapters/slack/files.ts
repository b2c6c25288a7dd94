import { tooLarge } from '../byte-size.js';

/** Where Slack serves uploaded files; nothing else is fetched with the bot token. */
export const SLACK_FILE_HOSTS = ['files.slack.com'];

export class FileFetchError extends Error {}

/**
 * Downloads a file shared in Slack with the bot token. The host must be Slack's file host, and the
 * size cap is enforced from the file's metadata and the Content-Length before the body is read,
 * then again while reading.
 */
export async function fetchSlackFile(
  file: { url_private_download?: string; url_private?: string; size?: number; name?: string },
  token: string,
  maxBytes: number,
  allowedHosts: readonly string[] = SLACK_FILE_HOSTS,
): Promise<{ name: string; content: string }> {
  const url = file.url_private_download ?? file.url_private;
  if (!url) throw new FileFetchError('the file has no download address; share it again');
  const parsed = new URL(url);
  if (!allowedHosts.includes(parsed.host) || (SLACK_FILE_HOSTS.includes(parsed.host) && parsed.protocol !== 'https:')) {
    throw new FileFetchError(`files are fetched only from Slack's file host, not ${parsed.host}`);
  }
  if (file.size !== undefined && file.size > maxBytes)
    throw new FileFetchError(tooLarge(file.name ?? 'the file', file.size, maxBytes));
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${token}` },
    redirect: 'error',
    signal: AbortSignal.timeout(15_000),
  });
  if (!response.ok || !response.body)
    throw new FileFetchError(`Slack answered ${response.status} for the file; check the bot's files:read scope`);
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await response.body.cancel();
    throw new FileFetchError(tooLarge(file.name ?? 'the file', declared, maxBytes));
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > maxBytes) throw new FileFetchError(tooLarge(file.name ?? 'the file', undefined, maxBytes));
    chunks.push(chunk);
  }
  try {
    return {
      name: file.name ?? 'topology',
      content: new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)),
    };
  } catch {
    throw new FileFetchError(`${file.name ?? 'the file'} is binary, not a YAML or JSON topology`);
  }
}
