/**
 * What an upload is, decided from its first bytes (magic numbers, by file-type) — never
 * from its name or the Content-Type the client claims — and which kinds are accepted.
 */
import path from 'node:path';
import FileType from 'file-type';

export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];
export const ATTACHMENT_TYPES = [...IMAGE_TYPES, 'application/pdf', 'text/plain'];

/** Bytes enough for every signature file-type knows. */
export const SNIFF_BYTES = 4100;

/** The media type of a file from its first bytes; text is valid UTF-8 without NUL. */
export async function sniffType(head: Buffer): Promise<string | undefined> {
  const detected = await FileType.fromBuffer(head);
  if (detected) return detected.mime;
  if (head.length === 0 || head.includes(0)) return undefined;
  try {
    // A multi-byte character cut at the end of the sample is fine; anything else is not text.
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, lastCompleteChar(head)));
    return 'text/plain';
  } catch {
    return undefined;
  }
}

function lastCompleteChar(bytes: Buffer): number {
  const end = bytes.length;
  for (let i = 1; i <= 3 && end - i >= 0; i += 1) {
    const byte = bytes[end - i];
    if ((byte & 0xc0) === 0xc0) return end - i; // a lead byte whose sequence may be cut
    if ((byte & 0x80) === 0) break;
  }
  return end;
}

/**
 * The client's file name, kept only as text: no directories, no control or path
 * characters, at most 200 characters; `file` when nothing is left.
 */
export function sanitizeFileName(name: string | undefined): string {
  const base = path.basename((name ?? '').replace(/\\/g, '/'));
  const clean = base
    .normalize('NFC')
    .replace(/[\p{Cc}"<>:|?*/\\]/gu, '')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 200);
  return clean || 'file';
}
