/**
 * Accepted evidence types, recognised by their first bytes rather than the name or the
 * client's Content-Type, which anyone can fake.
 */
const SIGNATURES: { type: string; ext: string; test: (b: Buffer) => boolean }[] = [
  { type: 'image/jpeg', ext: 'jpg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/png', ext: 'png', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  {
    type: 'image/webp',
    ext: 'webp',
    test: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
  { type: 'application/pdf', ext: 'pdf', test: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  // .docx / .xlsx are zip containers.
  { type: 'application/zip', ext: 'zip', test: (b) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04 },
];

const OFFICE: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export const ACCEPTED_EVIDENCE = 'JPEG, PNG, WebP, PDF, DOCX, XLSX';

/** The content type to store, or null when the bytes are not an accepted kind. */
export function detectEvidenceType(bytes: Buffer, fileName: string): string | null {
  const sig = SIGNATURES.find((s) => s.test(bytes));
  if (!sig) return null;
  if (sig.type !== 'application/zip') return sig.type;
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  return OFFICE[ext] ?? null;
}
