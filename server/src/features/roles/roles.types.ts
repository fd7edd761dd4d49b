import type { Static } from 'typebox';
import type { CreateRoleBody, UpdateRoleBody } from './roles.schemas.js';

export type CreateRoleInput = Static<typeof CreateRoleBody>;
export type UpdateRoleInput = Static<typeof UpdateRoleBody>;
