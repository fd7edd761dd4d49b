import type { Static } from 'typebox';
import type { CreateUserBody, UpdateMeBody, UpdateUserBody } from './users.schemas.js';

export type CreateUserInput = Static<typeof CreateUserBody>;
export type UpdateUserInput = Static<typeof UpdateUserBody>;
export type UpdateMeInput = Static<typeof UpdateMeBody>;
