import { Type, type Static } from '@sinclair/typebox';
import { USER_ROLES } from '../../../schema/vocabulary';
import { Id, StringEnum, Timestamp } from './common.schema';

export const UserRole = StringEnum(USER_ROLES);

export const User = Type.Object(
  {
    id: Id,
    email: Type.String(),
    role: UserRole,
    createdAt: Timestamp,
    disabled: Type.Boolean(),
    disabledAt: Type.Union([Timestamp, Type.Null()]),
  },
  { title: 'User' },
);
export type User = Static<typeof User>;

export const Me = Type.Object({ id: Id, email: Type.String(), role: UserRole }, { title: 'Me' });
export type Me = Static<typeof Me>;

export const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 });

export const CreateUserBody = Type.Object(
  {
    email: Email,
    password: Type.String({ maxLength: 1024, description: 'At least 12 characters' }),
    role: UserRole,
  },
  { additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBody>;

export const UpdateUserBody = Type.Object(
  {
    role: Type.Optional(UserRole),
    disabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateUserBody = Static<typeof UpdateUserBody>;
