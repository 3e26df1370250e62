// Register screen (/register): create a user and log in; the server's rules for usernames and passwords are shown next to the fields.
import { useCallback, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button } from '../components/button.tsx';
import { ErrorBanner } from '../components/error-banner.tsx';
import { TextField } from '../components/fields.tsx';
import { useAuth } from '../hooks/use-auth.tsx';
import { useSubmit } from '../hooks/use-submit.ts';
import { AuthCard } from './auth-form.tsx';

export function RegisterPage() {
  const { register } = useAuth();
  const navigate = useNavigate();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const submit = useSubmit(
    useCallback(async () => {
      await register(username.trim(), password);
      await navigate('/', { replace: true });
    }, [register, username, password, navigate]),
  );
  return (
    <AuthCard
      title="Create an account"
      footer={
        <>
          Already registered? <Link to="/login" className="text-accent underline">Log in</Link>
        </>
      }
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const differs = password !== confirm;
          setMismatch(differs);
          if (!differs) submit.onSubmit();
        }}
        className="flex flex-col gap-3"
        noValidate
      >
        <ErrorBanner error={submit.error} />
        <TextField
          label="Username"
          name="username"
          autoComplete="username"
          required
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          hint="3 to 32 ASCII letters (a-z, A-Z), digits, _ - or ."
          error={submit.fieldErrors.username ?? (submit.error?.code === 'USERNAME_TAKEN' ? submit.error.message : undefined)}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          hint="8 to 128 characters; a passphrase works well."
          error={submit.fieldErrors.password}
        />
        <TextField
          label="Repeat the password"
          name="confirm"
          type="password"
          autoComplete="new-password"
          required
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
          error={mismatch ? 'The two passwords differ.' : undefined}
        />
        <Button type="submit" busy={submit.busy} disabled={!username || !password || !confirm}>
          Register
        </Button>
      </form>
    </AuthCard>
  );
}
