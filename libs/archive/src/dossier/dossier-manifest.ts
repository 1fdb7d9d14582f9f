/** The signed table of contents of a hazard dossier (隐患档案). */
export interface DossierManifest {
  format: 'hazard-dossier/1';
  hazardId: string;
  status: string;
  generatedAt: string;
  generatedBy: { userId: string; username: string } | null;
  algorithm: 'HMAC-SHA256';
  /** Which key signed it (a public name of the key, not the key). */
  keyId: string;
  /** Every file of the zip but the manifest and its signature, with its SHA-256. */
  files: { path: string; sha256: string; bytes: number }[];
  /** Evidence: the SHA-256 recorded at upload beside the SHA-256 of the bytes in the zip. */
  evidence: {
    id: string;
    fileName: string;
    contentType: string;
    purpose: string;
    uploadedBy: string;
    uploadedAt: string;
    recordedSha256: string;
    sha256: string | null;
    bytes: number | null;
    path: string | null;
  }[];
  /** 问责文书 (issue 18): the SHA-256 sealed in the history at issue beside that of the bytes in the zip. Absent in older dossiers. */
  documents?: {
    id: string;
    kind: string;
    number: string;
    issuedAt: string;
    publishedAt: string | null;
    recordedSha256: string;
    sha256: string;
    path: string;
  }[];
  /** The lifecycle steps and their place in the archive's hash chain. */
  timeline: { steps: number; chainSeqs: number[]; lastRowHmac: string | null };
}

export const MANIFEST_PATH = 'manifest.json';
export const SIGNATURE_PATH = 'manifest.sig';
export const SIGNATURE_CONTEXT = 'hazard-dossier-manifest';
