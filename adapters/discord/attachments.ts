import { tooLarge } from '../byte-size.js';

/** Discord's attachment hosts; nothing else is fetched. */
export const DISCORD_ATTACHMENT_HOSTS = ['cdn.discordapp.com', 'media.discordapp.net'];

export class AttachmentError extends Error {}

/** Fetches an attachment from Discord's hosts, refusing it by its declared size before reading the body. */
export async function fetchDiscordAttachment(
  a: { url: string; name: string; size: number },
  maxBytes: number,
  hosts: readonly string[] = DISCORD_ATTACHMENT_HOSTS,
): Promise<{ name: string; content: string }> {
  const url = new URL(a.url);
  if (!hosts.includes(url.host))
    throw new AttachmentError(`attachments are fetched only from Discord's hosts, not ${url.host}`);
  if (a.size > maxBytes) throw new AttachmentError(tooLarge(a.name, a.size, maxBytes));
  const res = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(15_000) });
  if (!res.ok || !res.body) throw new AttachmentError(`Discord answered ${res.status} for ${a.name}`);
  if (Number(res.headers.get('content-length') ?? 0) > maxBytes) {
    await res.body.cancel();
    throw new AttachmentError(tooLarge(a.name, undefined, maxBytes));
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > maxBytes) throw new AttachmentError(tooLarge(a.name, undefined, maxBytes));
    chunks.push(chunk);
  }
  try {
    return { name: a.name, content: new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)) };
  } catch {
    throw new AttachmentError(`${a.name} is binary, not a YAML or JSON topology`);
  }
}
