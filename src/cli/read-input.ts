import { open } from 'node:fs/promises';

export type Input = { ok: true; bytes: Uint8Array } | { ok: false; tooLarge: number } | { ok: false; error: string };

async function readCapped(stream: NodeJS.ReadableStream, maxBytes: number): Promise<Input> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size > maxBytes) return { ok: false, tooLarge: size };
    chunks.push(buf);
  }
  return { ok: true, bytes: Buffer.concat(chunks) };
}

/** Reads a file or standard input (`-`), never more than one byte past the cap. */
export async function readInput(
  file: string,
  maxBytes: number,
  stdin: NodeJS.ReadableStream = process.stdin,
): Promise<Input> {
  if (file === '-') return readCapped(stdin, maxBytes);
  let handle;
  try {
    handle = await open(file, 'r');
    const stat = await handle.stat();
    // A pipe or FIFO (`--baseline <(git show HEAD~1:topology.yaml)`) has no size: read it, still capped.
    if (stat.isFIFO() || stat.isCharacterDevice()) return await readCapped(handle.createReadStream(), maxBytes);
    if (!stat.isFile()) return { ok: false, error: `${file} is not a file` };
    if (stat.size > maxBytes) return { ok: false, tooLarge: stat.size };
    return { ok: true, bytes: await handle.readFile() };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      ok: false,
      error: code === 'ENOENT' ? `${file}: no such file` : `cannot read ${file}: ${code ?? String(error)}`,
    };
  } finally {
    await handle?.close();
  }
}
