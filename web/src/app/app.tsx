// The app: providers (auth, toasts), the router with every route inside the shell, and a not-found page.
import { BrowserRouter, Route, Routes } from 'react-router';
import { ToastProvider } from '../components/toasts.tsx';
import { AuthProvider } from '../hooks/use-auth.tsx';
import { NotFoundPage } from '../pages/not-found-page.tsx';
import { Guard } from './guard.tsx';
import { Shell } from './shell.tsx';
import { ROUTES } from './routes.tsx';

export function App() {
  return (
    <AuthProvider>
      <ToastProvider>
        <BrowserRouter>
          <Routes>
            <Route element={<Shell />}>
              {ROUTES.map(({ path, page: Page, access }) => (
                <Route
                  key={path}
                  path={path}
                  element={
                    <Guard access={access}>
                      <Page />
                    </Guard>
                  }
                />
              ))}
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </ToastProvider>
    </AuthProvider>
  );
}
