/** A tiny valid PNG (1×1): real bytes, so the type check on upload sees a PNG. */
export const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5f0000000049454e44ae426082',
  'hex',
);

/** A form with the given files in the `files` field, as a browser would send it. */
export function filesForm(...files: { bytes: Buffer; name: string; type?: string }[]): FormData {
  const form = new FormData();
  for (const f of files) form.append('files', new Blob([new Uint8Array(f.bytes)], { type: f.type ?? 'application/octet-stream' }), f.name);
  return form;
}

export const photoForm = (name = '现场照片.png') => filesForm({ bytes: PNG, name, type: 'image/png' });
