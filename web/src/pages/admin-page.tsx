// Admin screen (/admin).
import { PlaceholderPage } from '../components/page.tsx';

export function AdminPage() {
  return <PlaceholderPage title="Admin" description="Users, roles and account risk limits (admins only)." />;
}
