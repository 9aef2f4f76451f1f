import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('npm run demo', () => {
  it('plays the whole story against the real app and exits 0', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/sandbox/demo.ts'], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
    });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const output = run.stdout;
    expect(output).toContain('┏ Rimborso crediti ┓'); // the form
    expect(output).toContain('[ Approva ] [ Rifiuta ]'); // the review message before a decision
    expect(output).toContain('ne sono passati 31'); // day 31 refused
    expect(output).toContain('Solo i revisori'); // a non-reviewer's click
    expect(output).toMatch(/Rifiutata da @Giulia .* Motivo: La cliente conferma Milano/);
    expect(output).toMatch(/5 crediti sono stati restituiti al tuo saldo/);
    expect(output).toContain('[ Chiedi il rimborso ]'); // the DM refusal's button
    expect(output).toContain('Restano 2 giorni lavorativi');
    expect(output).toContain('@here 🚨');
    expect(output).toContain('Auto-Submitted: auto-replied'); // the email's reply, sent by SMTP
    expect(output).toContain('In-Reply-To: <CAF-demo-1@mail.example.it>');
    expect(output).toContain('Approvata automaticamente dalla policy'); // the automatic approval, for the reviewers
    expect(output).toContain('[ Annulla rimborso ]');
    expect(output).toMatch(/Rimborso annullato da @Giulia .* Motivo: La cliente ha scritto di nuovo/);
    expect(output).toContain('è stato annullato dal team'); // Sara's DM
    expect(output).toMatch(/✓ 11 steps/);
  }, 90_000);

  it('plays the same story in Socket Mode (npm run demo -- --socket) and exits 0', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/sandbox/demo.ts', '--socket'], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
    });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('in Socket Mode');
    expect(run.stdout).toContain('┏ Rimborso crediti ┓');
    expect(run.stdout).toMatch(/Rifiutata da @Giulia .* Motivo: La cliente conferma Milano/);
    // The demo exits non-zero when any step fails: every step of the HTTP story also held over the socket.
    expect(run.stdout).toMatch(/✓ \d+ steps/);
  }, 90_000);
});
