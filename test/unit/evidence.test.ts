import { describe, expect, it } from 'vitest';
import { isSlackFileUrl } from '../../src/delivery/copy-evidence.ts';
import { checkEvidence, type EvidenceFile } from '../../src/domain/evidence.ts';
import { EVIDENCE_ACTION_ID, EVIDENCE_BLOCK_ID, parseEvidence } from '../../src/slack/views/evidence-input.ts';

const file = (overrides: Partial<EvidenceFile> = {}): EvidenceFile => ({
  fileId: 'F1',
  name: 'a.png',
  mimetype: 'image/png',
  size: 100,
  urlPrivateDownload: 'https://files.slack.com/files-pri/T1-F1/download/a.png',
  ...overrides,
});

describe('evidence', () => {
  it('sends the bot token only to Slack’s file host or the configured stand-in', () => {
    const api = 'https://slack.com/api/';
    expect(isSlackFileUrl('https://files.slack.com/files-pri/T1-F1/download/a.png', api)).toBe(true);
    expect(isSlackFileUrl('http://files.slack.com/files-pri/x', api)).toBe(false);
    expect(isSlackFileUrl('https://files.slack.com.evil.example/x', api)).toBe(false);
    expect(isSlackFileUrl('https://evil.example/files-pri/x', api)).toBe(false);
    expect(isSlackFileUrl('http://127.0.0.1:4000/files-pri/x', 'http://127.0.0.1:4000/api/')).toBe(true);
    expect(isSlackFileUrl('not a url', api)).toBe(false);
  });

  it('accepts up to 5 images or PDFs of at most 10 MB', () => {
    expect(checkEvidence([file(), file({ mimetype: 'application/pdf' }), file({ mimetype: 'image/heic' })])).toBeNull();
    expect(checkEvidence(Array.from({ length: 6 }, () => file()))).toEqual({ problem: 'too_many' });
    expect(checkEvidence([file({ size: 10 * 1024 * 1024 + 1, name: 'big.png' })])).toEqual({
      problem: 'too_large',
      name: 'big.png',
    });
    expect(checkEvidence([file({ mimetype: 'text/html', name: 'x.html' })])).toEqual({
      problem: 'wrong_type',
      name: 'x.html',
    });
  });

  it('reads no input as no files, and a malformed one as a field error, never a crash', () => {
    expect(parseEvidence({}, 'it')).toEqual({ ok: true, files: [] });
    expect(parseEvidence(undefined, 'it')).toEqual({ ok: true, files: [] });
    const bad = parseEvidence({ [EVIDENCE_BLOCK_ID]: { [EVIDENCE_ACTION_ID]: { files: [{ id: 'F1' }] } } }, 'en');
    expect(bad.ok).toBe(false);
    const good = parseEvidence(
      {
        [EVIDENCE_BLOCK_ID]: {
          [EVIDENCE_ACTION_ID]: {
            type: 'file_input',
            files: [
              {
                id: 'F9',
                name: 'n.pdf',
                mimetype: 'application/pdf',
                size: 5,
                url_private_download: 'https://files.slack.com/f',
              },
            ],
          },
        },
      },
      'it',
    );
    expect(good).toEqual({
      ok: true,
      files: [
        {
          fileId: 'F9',
          name: 'n.pdf',
          mimetype: 'application/pdf',
          size: 5,
          urlPrivateDownload: 'https://files.slack.com/f',
        },
      ],
    });
  });
});
