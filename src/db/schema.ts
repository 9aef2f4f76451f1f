/**
 * Database schema as Kysely sees it: one row type per table (written to match migrations/) and the
 * `Database` that types every query. Row types stay in src/db; the rest of the code sees domain types.
 */
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { ClaimStatus } from '../domain/claim-state.ts';

/** Row types: they stay in src/db; the rest of the code sees domain types. */
export interface ClaimsTable {
  id: Generated<string>;
  reference: string;
  team_id: string;
  professional_id: string;
  source_view_id: string;
  client_first_name: string;
  client_last_name: string;
  client_key: string;
  client_phone: string | null;
  service: string;
  // `date` columns come back as strings (see the type parser in database.ts).
  answered_on: string;
  received_on: string | null;
  credits: number;
  reason: string;
  description: string | null;
  status: ClaimStatus;
  verdict: ColumnType<unknown, string, string>;
  submitted_at: Date;
  review_deadline_on: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  decision_reason: string | null;
  review_channel_id: string | null;
  review_message_ts: string | null;
  redacted_at: Generated<Date | null>;
  assigned_to: Generated<string | null>;
  assigned_at: Generated<Date | null>;
  auto_approved_case: Generated<string | null>;
  reversed_by: Generated<string | null>;
  reversed_at: Generated<Date | null>;
  reversal_reason: Generated<string | null>;
  contested_at: Generated<Date | null>;
  contest_reason: Generated<string | null>;
  contest_source_view_id: Generated<string | null>;
}

export interface ClaimQuestionsTable {
  id: Generated<string>;
  claim_id: string;
  asked_by: string;
  question: string;
  asked_at: Date;
  answer: string | null;
  answered_at: Date | null;
  source_view_id: string | null;
}

export interface ClaimEventsTable {
  id: Generated<string>;
  claim_id: string;
  kind: string;
  actor: string | null;
  at: Date;
  details: ColumnType<unknown, string | undefined, never>;
}

/** Off-form requests (the table kept its first name: refunds asked outside the form). */
export interface RefusedRequestsTable {
  id: Generated<string>;
  channel: 'dm' | 'mention' | 'channel' | 'email';
  sender: string | null;
  slack_channel_id: string | null;
  dedupe_key: string | null;
  at: Date;
  /** For an email: which provider posted it, its Message-ID, and whether it was answered or why not. */
  provider: Generated<string | null>;
  message_id: Generated<string | null>;
  reply_status: Generated<string | null>;
  reply_detail: Generated<string | null>;
}

export interface EmailReplyAllowancesTable {
  sender: string;
  last_reply_at: Date;
}

export interface MailgunWebhookTokensTable {
  token: string;
  seen_at: Date;
}

export interface OutboxTable {
  id: Generated<string>;
  /** Null for a message that follows no claim (its kind is a StandaloneMessageKind). */
  claim_id: string | null;
  kind: string;
  lane: string;
  dedupe_key: string;
  payload: ColumnType<unknown, string | undefined, never>;
  status: Generated<'pending' | 'delivered' | 'failed' | 'blocked'>;
  attempts: Generated<number>;
  next_attempt_at: Date;
  locked_until: Date | null;
  locked_by: string | null;
  last_error: string | null;
  created_at: Date;
  finished_at: Date | null;
  first_attempt_at: Date | null;
  attempt_started_at: Date | null;
  outcome_unknown: Generated<boolean>;
  blocked_reason: string | null;
  blocked_at: Date | null;
  released_at: Date | null;
}

export interface ClaimRemindersTable {
  claim_id: string;
  kind: 'reminder' | 'escalation';
  business_days_left: number;
  due_at: Date;
  state: Generated<'scheduled' | 'enqueued' | 'cancelled'>;
}

export interface ProfessionalsTable {
  marketplace_id: string;
  slack_user_id: string;
}

export interface ChargesTable {
  charge_id: string;
  professional_id: string;
  lead_id: string;
  client_first_name: string;
  client_last_name: string;
  client_key: string;
  client_phone: string | null;
  client_phone_key: string | null;
  service: string;
  service_key: string;
  lead_received_at: Date;
  charged_at: Date;
  credits: number;
  trigger: 'phone_answer' | 'client_chat';
  imported_at: Date;
  redacted_at: Generated<Date | null>;
}

export interface ClaimEvidenceTable {
  claim_id: string;
  position: number;
  file_id: string;
  name: string;
  mimetype: string;
  size: number;
  url_private_download: string;
  state: Generated<'pending' | 'copied' | 'failed' | 'reported'>;
  copied_file_id: string | null;
}

export interface CreditEntriesTable {
  id: Generated<string>;
  claim_id: string;
  professional_id: string;
  charge_id: string | null;
  credits: number;
  created_at: Date;
  kind: Generated<'refund' | 'reversal'>;
}

export interface OpsJobRunsTable {
  job: string;
  run_key: string;
  ran_at: Date;
}

export interface Database {
  claims: ClaimsTable;
  claim_events: ClaimEventsTable;
  refused_requests: RefusedRequestsTable;
  email_reply_allowances: EmailReplyAllowancesTable;
  mailgun_webhook_tokens: MailgunWebhookTokensTable;
  outbox: OutboxTable;
  claim_reminders: ClaimRemindersTable;
  claim_questions: ClaimQuestionsTable;
  professionals: ProfessionalsTable;
  charges: ChargesTable;
  credit_entries: CreditEntriesTable;
  ops_job_runs: OpsJobRunsTable;
  claim_evidence: ClaimEvidenceTable;
}

export type ClaimRow = Selectable<ClaimsTable>;
export type NewClaimRow = Insertable<ClaimsTable>;
