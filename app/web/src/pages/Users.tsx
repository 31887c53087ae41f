import { useState } from 'react';
import { Cell, Column, Row, Switch, Table, TableBody, TableHeader } from 'react-aria-components';
import { USER_ROLES, type User, type UserRole } from '../api/client';
import { ConfirmButton } from '../components/ConfirmButton';
import { SelectInput, optionsOf } from '../components/fields';
import { UserForm } from '../components/forms';
import { FormDialog } from '../components/ServerForm';
import { Empty, ErrorState, FormError, Loading } from '../components/states';
import { useApi, useResource, useUser } from '../context';
import { formatDateTime } from '../lib/format';
import { isAdmin } from '../lib/permissions';
import { useDocumentTitle } from '../lib/title';
import { ApiError } from '../api/errors';

export default function Users() {
  useDocumentTitle('Users');
  const me = useUser();
  if (!isAdmin(me)) {
    return <ErrorState error={new ApiError(403, 'FORBIDDEN', 'Admins only')} what="user administration (admins only)" />;
  }
  return <UsersAdmin />;
}

function UsersAdmin() {
  const api = useApi();
  const me = useUser();
  const users = useResource<User[]>(() => api.listUsers(), [api]);
  const [error, setError] = useState<unknown>(undefined);
  const update = (u: User) => users.setData((prev) => prev?.map((x) => (x.id === u.id ? { ...x, ...u } : x)));
  const change = async (id: number, body: { role?: UserRole; disabled?: boolean }) => {
    setError(undefined);
    try {
      update(await api.updateUser(id, body));
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section className="page" aria-labelledby="users-title">
      <div className="page-header">
        <h1 id="users-title">Users</h1>
        <FormDialog label="New user" title="New user" className="button primary">
          {(close) => (
            <UserForm
              onCancel={close}
              onSubmit={async (values) => {
                const created = await api.createUser(values);
                users.setData((prev) => [...(prev ?? []), created]);
                close();
              }}
            />
          )}
        </FormDialog>
      </div>
      <FormError error={error} />
      {users.error && !users.data ? (
        <ErrorState error={users.error} onRetry={users.reload} what="the users" />
      ) : !users.data ? (
        <Loading label="Loading users…" />
      ) : (
        <div className="table-wrap">
          <Table aria-label="Users" className="table" data-testid="users-table">
            <TableHeader>
              <Column isRowHeader>Email</Column>
              <Column>Id</Column>
              <Column>Role</Column>
              <Column>Active</Column>
              <Column>Created</Column>
              <Column>Actions</Column>
            </TableHeader>
            <TableBody items={users.data} renderEmptyState={() => <Empty>No users.</Empty>}>
              {(u) => {
                const self = u.id === me.id;
                return (
                  <Row id={u.id}>
                    <Cell>{u.email}</Cell>
                    <Cell>{u.id}</Cell>
                    <Cell>
                      {self ? (
                        u.role
                      ) : (
                        <SelectInput
                          name={`role-${u.id}`}
                          label={`Role of ${u.email}`}
                          options={optionsOf(USER_ROLES)}
                          value={u.role}
                          onChange={(role) => void change(u.id, { role })}
                        />
                      )}
                    </Cell>
                    <Cell>
                      {self ? (
                        'yes (you)'
                      ) : (
                        <Switch className="switch" isSelected={!u.disabled} onChange={(on) => void change(u.id, { disabled: !on })}>
                          <span className="switch-indicator" aria-hidden="true" />
                          <span className="visually-hidden">Active: {u.email}</span>
                          <span aria-hidden="true">{u.disabled ? 'disabled' : 'active'}</span>
                        </Switch>
                      )}
                    </Cell>
                    <Cell>{formatDateTime(u.createdAt)}</Cell>
                    <Cell>
                      {self ? null : (
                        <ConfirmButton
                          label="Delete"
                          ariaLabel={`Delete user ${u.email}`}
                          className="button small danger"
                          title={`Delete ${u.email}?`}
                          onConfirm={async () => {
                            await api.deleteUser(u.id);
                            users.setData((prev) => prev?.filter((x) => x.id !== u.id));
                          }}
                        >
                          <p>The account is removed. This cannot be undone.</p>
                        </ConfirmButton>
                      )}
                    </Cell>
                  </Row>
                );
              }}
            </TableBody>
          </Table>
        </div>
      )}
    </section>
  );
}
