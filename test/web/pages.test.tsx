import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

// Trees rendered through the fresh modules are unmounted by those modules' own cleanup.
let cleanupFresh: (() => void) | undefined;
afterEach(() => {
  cleanupFresh?.();
  cleanupFresh = undefined;
});

/** Everything the document showed while `run` went on. */
async function textsSeenDuring(run: () => Promise<void>): Promise<string> {
  let seen = '';
  const observer = new MutationObserver(() => {
    seen += `\n${document.body.textContent ?? ''}`;
  });
  observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  try {
    await run();
  } finally {
    observer.disconnect();
  }
  return seen;
}

/** The app's modules afresh, so no page has been loaded or rendered yet. */
async function freshApp() {
  vi.resetModules();
  const [{ preloadPage }, fake, testingLibrary] = await Promise.all([
    import('../../app/web/src/App'),
    import('./fake-api'),
    import('@testing-library/react'),
  ]);
  cleanupFresh = testingLibrary.cleanup;
  return { preloadPage, ...fake };
}

describe('page code loaded ahead', () => {
  it('shows the page fallback while a page’s code is still on its way', async () => {
    const { renderApp, serverFor, users } = await freshApp();
    const seen = await textsSeenDuring(async () => {
      renderApp(serverFor(users.owner), '/');
      await screen.findByTestId('total-projects');
    });
    expect(seen).toContain('Loading dashboard…');
  });

  it('renders a page preloaded during sign-in without that fallback', async () => {
    const { preloadPage, renderApp, serverFor, users } = await freshApp();
    await preloadPage('/sign-in', '?next=%2F');
    const seen = await textsSeenDuring(async () => {
      renderApp(serverFor(users.owner), '/');
      await screen.findByTestId('total-projects');
    });
    expect(seen).toContain('Signing you in…');
    expect(seen).not.toContain('Loading dashboard…');
  });
});
