/** The file parts of a multipart/form-data body, bytes intact (a PNG is not UTF-8). */
export function fileParts(body: Buffer, contentType: string): { name: string; contentType: string; bytes: Buffer }[] {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  if (!boundary) return [];
  const marker = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const parts: { name: string; contentType: string; bytes: Buffer }[] = [];
  let at = body.indexOf(marker);
  while (at >= 0) {
    const next = body.indexOf(marker, at + marker.length);
    if (next < 0) break;
    const part = body.subarray(at + marker.length + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    const head = part.subarray(0, split).toString('utf8');
    const filename = /filename="([^"]+)"/.exec(head);
    if (filename)
      parts.push({
        name: filename[1]!,
        contentType: /content-type:\s*([^\r\n]+)/i.exec(head)?.[1] ?? '',
        bytes: part.subarray(split + 4),
      });
    at = next;
  }
  return parts;
}
