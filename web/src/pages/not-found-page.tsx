// Not-found screen: any path no route matches.
import { Link } from 'react-router';
import { Page } from '../components/page.tsx';

export function NotFoundPage() {
  return (
    <Page title="Page not found">
      <p className="text-muted">
        Nothing is at this address. <Link to="/" className="text-accent underline">Back to the markets</Link>.
      </p>
    </Page>
  );
}
