import { Type, type Static } from '@sinclair/typebox';
import { MEMBER_ROLES } from '../../../schema/vocabulary';
import { Id, Name, StringEnum, Timestamp } from './common.schema';

export const MemberRole = StringEnum(MEMBER_ROLES);

export const Project = Type.Object(
  {
    id: Id,
    ownerId: Id,
    name: Type.String(),
    description: Type.String(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { title: 'Project' },
);
export type Project = Static<typeof Project>;

export const ProjectMember = Type.Object({ projectId: Id, userId: Id, email: Type.String(), role: MemberRole }, { title: 'ProjectMember' });
export type ProjectMember = Static<typeof ProjectMember>;

export const ProjectDetail = Type.Composite([Project, Type.Object({ members: Type.Array(ProjectMember) })], {
  title: 'ProjectDetail',
});
export type ProjectDetail = Static<typeof ProjectDetail>;

const ProjectName = Name(200, 'Project name (1..200 characters)');
const ProjectDescription = Type.String({ maxLength: 10000, description: 'Up to 10,000 characters' });

export const CreateProjectBody = Type.Object(
  { name: ProjectName, description: Type.Optional(ProjectDescription) },
  { additionalProperties: false },
);
export type CreateProjectBody = Static<typeof CreateProjectBody>;

export const UpdateProjectBody = Type.Object(
  { name: Type.Optional(ProjectName), description: Type.Optional(ProjectDescription) },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateProjectBody = Static<typeof UpdateProjectBody>;

export const ProjectListQuery = Type.Object({
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Name contains (case-insensitive)' })),
});

export const MemberParams = Type.Object({ id: Id, userId: Id });
export type MemberParams = Static<typeof MemberParams>;

export const PutMemberBody = Type.Object({ role: MemberRole }, { additionalProperties: false });
export type PutMemberBody = Static<typeof PutMemberBody>;
