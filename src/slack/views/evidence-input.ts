/**
 * The refund form's evidence upload (screenshots or PDFs, optional): the file_input block, and the parser
 * that reads the uploaded files from `view.state.values` and checks them against the domain's limits
 * (domain/evidence.ts), returning the field error to show. Used by refund-modal.ts and listeners/refund-submission.ts.
 */
import type { InputBlock } from '@slack/types';
import { z } from 'zod';
import { EVIDENCE_FILETYPES, EVIDENCE_LIMITS, checkEvidence, type EvidenceFile } from '../../domain/evidence.ts';
import { t, type Locale } from '../../i18n/messages.ts';
import { BLOCK_KIT_LIMITS, plainText } from '../messages/slack-text.ts';

export const EVIDENCE_BLOCK_ID = 'evidence';
export const EVIDENCE_ACTION_ID = 'evidence';

/** Optional screenshots or PDFs (file_input: modals only, 10 MB per file, scope files:read). */
export function buildEvidenceInput(locale: Locale): InputBlock {
  return {
    type: 'input',
    block_id: EVIDENCE_BLOCK_ID,
    optional: true,
    label: plainText(t(locale, 'evidence.label')),
    hint: plainText(t(locale, 'evidence.hint'), BLOCK_KIT_LIMITS.hint),
    element: {
      type: 'file_input',
      action_id: EVIDENCE_ACTION_ID,
      filetypes: [...EVIDENCE_FILETYPES],
      max_files: EVIDENCE_LIMITS.maxFiles,
    },
  };
}

const FileState = z.object({
  id: z.string().min(1).max(64),
  name: z.string().max(255).nullish(),
  title: z.string().max(255).nullish(),
  mimetype: z.string().max(255).nullish(),
  size: z.number().int().nonnegative().nullish(),
  url_private_download: z.string().url().max(2000),
});
const InputState = z.object({ files: z.array(FileState).max(50) });

export type EvidenceResult = { ok: true; files: EvidenceFile[] } | { ok: false; errors: Record<string, string> };

/** The files in `view.state.values`, or the field error to show; an absent input is no files. */
export function parseEvidence(values: unknown, locale: Locale): EvidenceResult {
  const block = (values as Record<string, Record<string, unknown> | undefined> | undefined)?.[EVIDENCE_BLOCK_ID];
  const state = block?.[EVIDENCE_ACTION_ID];
  if (state === undefined || state === null) return { ok: true, files: [] };
  const parsed = InputState.safeParse(state);
  if (!parsed.success) return { ok: false, errors: { [EVIDENCE_BLOCK_ID]: t(locale, 'error.generic') } };
  const files = parsed.data.files.map((file) => ({
    fileId: file.id,
    name: file.name ?? file.title ?? file.id,
    mimetype: file.mimetype ?? 'application/octet-stream',
    size: file.size ?? 0,
    urlPrivateDownload: file.url_private_download,
  }));
  const problem = checkEvidence(files);
  if (!problem) return { ok: true, files };
  const params = { max: EVIDENCE_LIMITS.maxFiles, name: problem.name ?? '' };
  return { ok: false, errors: { [EVIDENCE_BLOCK_ID]: t(locale, `evidence.${problem.problem}`, params) } };
}
