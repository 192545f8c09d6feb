import type { Role } from '../../api/types';

/** Every role an admin may give, in the order the pickers list them. */
export const ROLES: Role[] = ['trader', 'viewer', 'auditor', 'admin'];
