// Login screen (/login): username and password; afterwards back to the page that asked for a login.
import { useCallback, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { Button } from '../components/button.tsx';
import { ErrorBanner } from '../components/error-banner.tsx';
import { TextField } from '../components/fields.tsx';
import type { ReturnState } from '../app/guard.tsx';
import { useAuth } from '../hooks/use-auth.tsx';
import { useSubmit } from '../hooks/use-submit.ts';
import { AuthCard } from './auth-form.tsx';

export function LoginPage() {
  const { login } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const from = (location.state as ReturnState | null)?.from ?? '/';
  const submit = useSubmit(
    useCallback(async () => {
      await login(username.trim(), password);
      await navigate(from, { replace: true });
    }, [login, username, password, navigate, from]),
  );
  return (
    <AuthCard
      title="Log in"
      footer={
        <>
          No account yet? <Link to="/register" className="text-accent underline">Register</Link>
        </>
      }
    >
      <form onSubmit={submit.onSubmit} className="flex flex-col gap-3" noValidate>
        <ErrorBanner error={submit.error} />
        <TextField label="Username" name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} error={submit.fieldErrors.username} />
        <TextField label="Password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} error={submit.fieldErrors.password} />
        <Button type="submit" busy={submit.busy} disabled={!username || !password}>
          Log in
        </Button>
      </form>
    </AuthCard>
  );
}
