/** Listener: the App Home tab, drawn when opened. */
import type { App } from '@slack/bolt';
import type { AppDeps } from '../deps.ts';

/** The Home tab is drawn fresh whenever it is opened; claim changes refresh it through the outbox. */
export function registerAppHome(app: App, deps: AppDeps): void {
  app.event('app_home_opened', async ({ event }) => {
    if (event.tab !== 'home') return;
    await deps.homes.publish(event.user);
  });
}
