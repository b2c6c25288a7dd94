/** A size as people read it: "2.1 MB", "512 KB", "1 MiB" for a power of two. */
export function byteSize(bytes: number): string {
  if (bytes >= 1 << 20 && bytes % (1 << 20) === 0) return `${bytes / (1 << 20)} MiB`;
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  if (bytes >= 1000) return `${Math.round(bytes / 1000)} KB`;
  return `${bytes} bytes`;
}

/** The one line a user sees for a file over the cap. */
export function tooLarge(name: string, bytes: number | undefined, maxBytes: number): string {
  return bytes === undefined
    ? `${name} is over the limit of ${byteSize(maxBytes)}`
    : `${name} is ${byteSize(bytes)}; the limit is ${byteSize(maxBytes)}`;
}
