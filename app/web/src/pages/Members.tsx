import { useState } from 'react';
import { Cell, Column, Row, Table, TableBody, TableHeader } from 'react-aria-components';
import { MEMBER_ROLES, type MemberRole, type Project } from '../api/client';
import { ConfirmButton } from '../components/ConfirmButton';
import { SelectInput, optionsOf } from '../components/fields';
import { MemberForm } from '../components/forms';
import { FormDialog } from '../components/ServerForm';
import { Empty, FormError } from '../components/states';
import { useApi } from '../context';

/** Project members, for the project's owner and admins. */
export function Members({ project, onChanged }: { project: Project; onChanged: () => void }) {
  const api = useApi();
  const [error, setError] = useState<unknown>(undefined);
  const members = (project.members ?? []).filter((m) => m.userId !== project.ownerId);
  return (
    <section aria-labelledby="members-title" className="panel" data-testid="members">
      <div className="panel-header">
        <h2 id="members-title">Members</h2>
        <FormDialog label="Add member" title="Add member" className="button primary">
          {(close) => (
            <MemberForm
              onCancel={close}
              onSubmit={async ({ userId, role }) => {
                await api.setMember(project.id, userId, role);
                close();
                onChanged();
              }}
            />
          )}
        </FormDialog>
      </div>
      <FormError error={error} />
      <div className="table-wrap">
        <Table aria-label="Members" className="table">
          <TableHeader>
            <Column isRowHeader>User</Column>
            <Column>Role</Column>
            <Column>Actions</Column>
          </TableHeader>
          <TableBody
            items={members.map((m) => ({ ...m, id: m.userId }))}
            renderEmptyState={() => <Empty>Only the owner has access. Add members to share this project.</Empty>}
          >
            {(m) => (
              <Row id={m.userId}>
                <Cell>{m.email ?? `User #${m.userId}`}</Cell>
                <Cell>
                  <SelectInput
                    name={`role-${m.userId}`}
                    label={`Role of ${m.email ?? `user #${m.userId}`}`}
                    options={optionsOf(MEMBER_ROLES)}
                    value={m.role}
                    onChange={async (role: MemberRole) => {
                      setError(undefined);
                      try {
                        await api.setMember(project.id, m.userId, role);
                        onChanged();
                      } catch (e) {
                        setError(e);
                      }
                    }}
                  />
                </Cell>
                <Cell>
                  <ConfirmButton
                    label="Remove"
                    ariaLabel={`Remove ${m.email ?? `user #${m.userId}`}`}
                    className="button small danger"
                    confirmLabel="Remove"
                    title="Remove member?"
                    onConfirm={async () => {
                      await api.removeMember(project.id, m.userId);
                      onChanged();
                    }}
                  >
                    <p>{m.email ?? `User #${m.userId}`} loses access to this project.</p>
                  </ConfirmButton>
                </Cell>
              </Row>
            )}
          </TableBody>
        </Table>
      </div>
    </section>
  );
}
