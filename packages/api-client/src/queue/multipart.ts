/**
 * Encodes a `FormData` once, as a `multipart/form-data` Blob. `fetch` would pick a new random
 * boundary on every send, so a replayed upload would differ in its bytes and its
 * `Content-Type`; encoding it ourselves makes every attempt byte-identical. A Blob can be
 * built synchronously from strings and the form's own (immutable) Files, so nothing is read
 * into memory and the call keeps its place in the queue.
 *
 * Follows the HTML multipart/form-data encoding algorithm: newlines in names and string
 * values become CRLF, and `"`, CR and LF in names and file names are percent-escaped.
 */
export function encodeMultipart(form: FormData): { blob: Blob; contentType: string } {
  const boundary = `----PlannerFormBoundary${randomHex(16)}`;
  const parts: BlobPart[] = [];
  for (const [name, value] of form) {
    parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="${escapeName(name)}"`);
    if (typeof value === 'string') {
      parts.push(`\r\n\r\n${toCrlf(value)}\r\n`);
    } else {
      const type = value.type || 'application/octet-stream';
      parts.push(`; filename="${escapeName(value.name)}"\r\nContent-Type: ${type}\r\n\r\n`, value, '\r\n');
    }
  }
  parts.push(`--${boundary}--\r\n`);
  return { blob: new Blob(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

const toCrlf = (s: string) => s.replace(/\r\n|\r|\n/g, '\r\n');
const escapeName = (s: string) => toCrlf(s).replace(/\n/g, '%0A').replace(/\r/g, '%0D').replace(/"/g, '%22');

function randomHex(bytes: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
}
