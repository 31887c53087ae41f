import { Link } from 'react-aria-components';
import { useDocumentTitle } from '../lib/title';

export function NotFound() {
  useDocumentTitle('Page not found');
  return (
    <section className="state state-error" aria-labelledby="nf-title">
      <h1 id="nf-title">Page not found</h1>
      <p>There is no page at this address.</p>
      <p>
        <Link href="/">Go to the dashboard</Link>
      </p>
    </section>
  );
}
