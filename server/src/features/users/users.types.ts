import type { Static } from 'typebox';
import type { CreateUserBody, UpdateMeBody, UpdateUserBody, User as UserSchema } from './users.schemas.js';

export type User = Static<typeof UserSchema>;
export type CreateUserInput = Static<typeof CreateUserBody>;
export type UpdateUserInput = Static<typeof UpdateUserBody>;
export type UpdateMeInput = Static<typeof UpdateMeBody>;
