import type { Role } from '../../api/types';

/** Every role an admin may give, in the order the pickers list them. */
export const ROLES: Role[] = ['trader', 'viewer', 'auditor', 'admin'];

type Person = { username?: string; role?: Role; tradingEnabled?: boolean; grantedTraders?: string[] };

const withArticle = (role: Role | undefined) => (role === 'admin' || role === 'auditor' ? `an ${role}` : `a ${role}`);

/** What follows a role change, said before it is made. */
export function roleChangeConsequences(u: Person, to: Role): string {
  const lines = [`Make ${u.username} ${withArticle(to)} instead of ${withArticle(u.role)}?`];
  const grants = u.grantedTraders?.length ?? 0;
  if (u.role === 'viewer' && grants > 0) {
    lines.push(
      `Their access to ${grants === 1 ? "1 trader's account" : `${grants} traders' accounts`} is dropped; ` +
        'made a viewer again, they see nothing until an admin grants it again.',
    );
  }
  if (u.tradingEnabled) lines.push('Their trading permission is withdrawn.');
  lines.push('The live pages they have open end within seconds; their next page shows what the new role allows.');
  if (to === 'admin') lines.push('As an admin they manage every user and see every account.');
  return lines.join('\n\n');
}

/** What follows a deactivation, said before it is made. */
export function deactivationConsequences(u: Person): string {
  return (
    `Deactivate ${u.username}? They are logged out everywhere and cannot log in until an admin activates them ` +
    'again; their data and history are kept.' +
    (u.role === 'trader'
      ? ' A bot they have running is not stopped by this: stop it from their dashboard first if it should not trade.'
      : '')
  );
}
