import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// findBy*/waitFor wait up to 4 s (default 1 s): the first chart a file draws waits for
// the charting library's modules to load, which alone can take over a second on a busy machine. Still under
// vitest's 5 s test timeout, so a wait that never ends fails as a wait, with its message.
configure({ asyncUtilTimeout: 4000 });

afterEach(() => {
  cleanup();
});
