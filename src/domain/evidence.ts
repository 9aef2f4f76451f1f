/**
 * Evidence the professional attaches in the modal ("No, grazie" screenshots, the same request posted
 * twice): images and PDFs, as Slack's file_input allows, copied by the app into the review thread.
 */
export const EVIDENCE_LIMITS = { maxFiles: 5, maxBytes: 10 * 1024 * 1024 } as const;

/** The file types the input offers (advisory for Slack), and the MIME types the app accepts. */
export const EVIDENCE_FILETYPES = ['png', 'jpg', 'jpeg', 'gif', 'webp', 'heic', 'pdf'] as const;

export interface EvidenceFile {
  fileId: string;
  name: string;
  mimetype: string;
  size: number;
  urlPrivateDownload: string;
}

export type EvidenceProblem = 'too_many' | 'too_large' | 'wrong_type';

export function isAcceptedMimetype(mimetype: string): boolean {
  return /^image\//.test(mimetype) || mimetype === 'application/pdf';
}

/** Why these files cannot be attached; null when they can. Slack enforces the same limits, but a payload is input. */
export function checkEvidence(files: readonly EvidenceFile[]): { problem: EvidenceProblem; name?: string } | null {
  if (files.length > EVIDENCE_LIMITS.maxFiles) return { problem: 'too_many' };
  const large = files.find((file) => file.size > EVIDENCE_LIMITS.maxBytes);
  if (large) return { problem: 'too_large', name: large.name };
  const wrong = files.find((file) => !isAcceptedMimetype(file.mimetype));
  if (wrong) return { problem: 'wrong_type', name: wrong.name };
  return null;
}
