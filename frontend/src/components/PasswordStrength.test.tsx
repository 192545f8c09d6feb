import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { RouterProvider } from '../lib/router';
import { json, mockFetch, problem } from '../test/fetchMock';
import { AdminUsersPage } from '../pages/admin/AdminUsersPage';
import { PasswordStrength } from './PasswordStrength';

function NewPassword({ username, email }: { username?: string; email?: string }) {
  const [password, setPassword] = useState('');
  return (
    <>
      <label htmlFor="p">New password</label>
      <input id="p" type="password" value={password} onChange={(e) => setPassword(e.target.value)} />
      <PasswordStrength password={password} username={username} email={email} />
    </>
  );
}

describe('password strength meter', () => {
  it('shows nothing until something is typed, then the strength while typing', async () => {
    const user = userEvent.setup();
    render(<NewPassword username="carol" email="carol@example.com" />);
    expect(screen.queryByText(/Strength:/)).not.toBeInTheDocument();
    const input = screen.getByLabelText('New password');
    await user.type(input, 'password1234');
    expect(await screen.findByText('Strength: Weak', {}, { timeout: 4000 })).toBeInTheDocument();
    expect(screen.getByText(/commonly used password/i)).toBeInTheDocument();
    expect(screen.getByLabelText('Password strength')).toHaveAttribute('value', '1');
    await user.clear(input);
    await user.type(input, 'violet kettle orbit marmalade');
    expect(await screen.findByText(/^Strength: (Strong|Very strong)$/)).toBeInTheDocument();
    expect(screen.getByLabelText('Password strength')).toHaveAttribute('value', '4');
  });

  it('warns when the password is the username with a little added', async () => {
    const user = userEvent.setup();
    render(<NewPassword username="carol-trader" email="carol@example.com" />);
    await user.type(screen.getByLabelText('New password'), 'carol-trader-1');
    expect(
      await screen.findByText(/contains your username or e-mail address/, {}, { timeout: 4000 }),
    ).toBeInTheDocument();
  });

  it('is on the admin create-user form, and the server has the last word', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    const admin = { id: 'a1', username: 'root', role: 'admin' as const };
    mockFetch({
      'GET /api/admin/users': () => json(200, [admin]),
      'POST /api/admin/users': () =>
        problem(422, 'password: is too easy to guess', {
          errors: [{ field: 'password', message: 'is too easy to guess: This is a very common password.' }],
        }),
    });
    const user = userEvent.setup();
    render(
      <RouterProvider>
        <AdminUsersPage me={admin} />
      </RouterProvider>,
    );
    await user.click(await screen.findByRole('button', { name: 'Create user' }));
    const dialog = screen.getByRole('dialog', { name: 'Create user' });
    await user.type(within(dialog).getByLabelText('Username'), 'carol');
    await user.type(within(dialog).getByLabelText('E-mail'), 'carol@example.com');
    await user.type(within(dialog).getByLabelText('Initial password'), 'aaaaaaaaaaaa');
    expect(await within(dialog).findByText('Strength: Very weak', {}, { timeout: 4000 })).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(
      await within(dialog).findByText('is too easy to guess: This is a very common password.'),
    ).toBeInTheDocument();
  });
});
