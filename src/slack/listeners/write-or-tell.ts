/** Listener helpers: tell the clicker privately, and turn a failed write into a message instead of a silent failure. */
import type { RespondFn } from '@slack/bolt';

/**
 * Only the person who clicked reads it. Through the click's response_url, because chat.postEphemeral
 * fails (user_not_in_channel) for someone who is not a member of the channel, and that is exactly who
 * clicks a public review channel's buttons without being a reviewer.
 */
export async function tellClicker(respond: RespondFn | undefined, text: string): Promise<void> {
  // Slack sends a response_url with every message button; a payload without one has no one to tell.
  if (!respond) throw new MissingResponseUrlError();
  await respond({ response_type: 'ephemeral', replace_original: false, text });
}

export class MissingResponseUrlError extends Error {
  constructor() {
    super('a message button payload without a response_url');
    this.name = 'MissingResponseUrlError';
  }
}

/**
 * Runs the work a click or a form depends on (a database write, a check, opening a modal). When it
 * throws, the person is told first (`tell`: the response_url, or the modal's field through the ack),
 * then the error goes on up to `app.error`: nothing is ever a silent success, and nothing is swallowed.
 * The writes are single transactions, so a failure leaves nothing half done.
 */
export async function orTell<T>(work: () => Promise<T>, tell: () => Promise<unknown>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    try {
      await tell();
    } catch (tellError) {
      throw new AggregateError([error, tellError], 'the work failed, and telling the user failed too');
    }
    throw error;
  }
}
