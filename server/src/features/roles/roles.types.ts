import type { Static } from 'typebox';
import type { CreateRoleBody, Role as RoleSchema, UpdateRoleBody } from './roles.schemas.js';

export type Role = Static<typeof RoleSchema>;
export type CreateRoleInput = Static<typeof CreateRoleBody>;
export type UpdateRoleInput = Static<typeof UpdateRoleBody>;
