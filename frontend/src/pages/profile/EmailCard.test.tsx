import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { User } from '../../api/types';
import { AuthProvider, useAuth } from '../../lib/auth';
import { json, mockFetch, problem } from '../../test/fetchMock';
import { EmailCard } from './EmailCard';

const carol: User = { id: 'u1', username: 'carol', email: 'carol@example.com', role: 'trader' };

/** The card as the profile page shows it: with the logged-in user from the auth context. */
function Card() {
  const { state } = useAuth();
  return state.status === 'authenticated' ? <EmailCard user={state.user} /> : <p>logged out</p>;
}

function renderCard() {
  document.cookie = 'XSRF-TOKEN=t; path=/';
  render(
    <AuthProvider initial={{ status: 'authenticated', user: carol }}>
      <Card />
    </AuthProvider>,
  );
}

describe('the e-mail card', () => {
  it('changes the address with the current password, says so and shows the new address', async () => {
    const changed = { ...carol, email: 'carol.new@example.org' };
    const calls = mockFetch({
      'PUT /api/me/email': () => json(200, changed),
      'GET /api/me': () => json(200, changed),
    });
    const user = userEvent.setup();
    renderCard();
    expect(screen.getByText('Now carol@example.com.')).toBeInTheDocument();

    await user.type(screen.getByLabelText('New e-mail address'), ' Carol.New@Example.org ');
    await user.type(screen.getByLabelText('Current password'), 'carol-secret-pw');
    await user.click(screen.getByRole('button', { name: 'Change e-mail address' }));

    expect(await screen.findByRole('status')).toHaveTextContent('E-mail address changed to carol.new@example.org.');
    expect(calls[0]?.body).toEqual({ email: 'Carol.New@Example.org', currentPassword: 'carol-secret-pw' });
    expect(await screen.findByText('Now carol.new@example.org.')).toBeInTheDocument();
    expect(screen.getByLabelText('New e-mail address')).toHaveValue('');
    expect(screen.getByLabelText('Current password')).toHaveValue('');
  });

  it('marks the fields the server names and words its refusal in sentences', async () => {
    mockFetch({
      'PUT /api/me/email': () =>
        problem(422, 'email: is already registered', {
          errors: [{ field: 'email', message: 'is already registered' }],
        }),
    });
    const user = userEvent.setup();
    renderCard();
    await user.type(screen.getByLabelText('New e-mail address'), 'bob@example.com');
    await user.type(screen.getByLabelText('Current password'), 'carol-secret-pw');
    await user.click(screen.getByRole('button', { name: 'Change e-mail address' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Email is already registered.');
    expect(screen.getByLabelText('New e-mail address')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Current password')).toHaveAttribute('aria-invalid', 'false');
  });

  it('names a wrong current password', async () => {
    mockFetch({
      'PUT /api/me/email': () =>
        problem(422, 'currentPassword: is not your current password', {
          errors: [{ field: 'currentPassword', message: 'is not your current password' }],
        }),
    });
    const user = userEvent.setup();
    renderCard();
    await user.type(screen.getByLabelText('New e-mail address'), 'carol.new@example.org');
    await user.type(screen.getByLabelText('Current password'), 'not my password');
    await user.click(screen.getByRole('button', { name: 'Change e-mail address' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Current password is not your current password.');
    expect(screen.getByLabelText('Current password')).toHaveAttribute('aria-invalid', 'true');
  });

  it('sends nothing for a malformed or unchanged address or without the password', async () => {
    const calls = mockFetch({});
    const user = userEvent.setup();
    renderCard();
    await user.type(screen.getByLabelText('New e-mail address'), 'not an address');
    await user.click(screen.getByRole('button', { name: 'Change e-mail address' }));
    expect(screen.getByText('Enter an address such as name@example.com.')).toBeInTheDocument();
    expect(screen.getByText('Enter your current password.')).toBeInTheDocument();

    await user.clear(screen.getByLabelText('New e-mail address'));
    await user.type(screen.getByLabelText('New e-mail address'), 'CAROL@example.com');
    await user.type(screen.getByLabelText('Current password'), 'carol-secret-pw');
    await user.click(screen.getByRole('button', { name: 'Change e-mail address' }));
    expect(screen.getByText('This is already your address.')).toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });
});
