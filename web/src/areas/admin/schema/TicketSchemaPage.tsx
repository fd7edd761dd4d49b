import { Badge, Button, Group, Stack, Switch, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { FieldMeta, PermissionRow } from '../../../../../common/src/helpdesk';
import { deleteField } from '../../../api/admin/fields';
import { listCollectionPermissions, listRolePermissions, updatePermission } from '../../../api/admin/permissions';
import { listRoles } from '../../../api/admin/roles';
import { readFields } from '../../../api/schema';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { LoadingBlock } from '../../../components/LoadingBlock';
import { describeAdminError } from '../admin-errors';
import { AdminPage } from '../components/AdminPage';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { EmptyBlock, SuccessNotice } from '../components/LoadStates';
import { useLiveData } from '../use-live-data';
import { CUSTOMER_ROLE_NAME, customerVisibility, withField } from './customer-visibility';
import { FieldDialog } from './FieldDialog';
import { describeType, formTypeOf } from './field-form';

const COLLECTION = 'support_ticket';

interface CustomerRows {
  read?: PermissionRow;
  create?: PermissionRow;
}

async function loadCustomerRows(): Promise<CustomerRows | null> {
  const customer = (await listRoles()).find((role) => role.name === CUSTOMER_ROLE_NAME);
  if (!customer) return null;
  const rows = (await listRolePermissions(customer.id)).filter((row) => row.collection === COLLECTION);
  return { read: rows.find((row) => row.action === 'read'), create: rows.find((row) => row.action === 'create') };
}

/** A field admins may edit here: not managed by Parley (ids, timestamps, authors) and not a relation. */
function isEditable(field: FieldMeta): boolean {
  return (
    (field.meta.special === null || field.meta.special.length === 0) &&
    field.field !== 'id' &&
    !field.meta.related_collection &&
    formTypeOf(field) !== undefined
  );
}

/** The ticket schema: built-in and custom fields, choices, and which custom fields customers see. */
export function TicketSchemaPage() {
  const fields = useLiveData('fields', () => readFields(COLLECTION));
  const customerRows = useLiveData('customer-rows', loadCustomerRows);
  const [dialog, setDialog] = useState<{ field: FieldMeta | null } | null>(null);
  const [deleting, setDeleting] = useState<FieldMeta | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busyField, setBusyField] = useState<string | null>(null);
  const list = [...(fields.data ?? [])].sort((a, b) => a.meta.sort - b.meta.sort);
  const knownFields = new Set(list.map((field) => field.field));

  async function setShown(field: FieldMeta, shown: boolean) {
    const rows = customerRows.data;
    if (!rows?.read || !rows.create) return;
    setBusyField(field.field);
    setNotice(null);
    setError(null);
    try {
      for (const row of [rows.read, rows.create]) {
        const next = withField(row, field.field, shown, knownFields);
        if (next.length !== (row.fields ?? []).length || !next.every((name) => row.fields?.includes(name))) await updatePermission(row.id, { fields: next });
      }
      await customerRows.reload();
      setNotice(shown ? `Customers now see ${field.field} and can fill it in on new tickets.` : `${field.field} is now hidden from customers.`);
    } catch (caught) {
      setError(describeAdminError(caught));
      await customerRows.reload();
    } finally {
      setBusyField(null);
    }
  }

  async function removeField(field: FieldMeta) {
    await deleteField(COLLECTION, field.field);
    // Permission rows still naming the field would be refused on their next edit; drop the name everywhere.
    const rows = await listCollectionPermissions(COLLECTION);
    const remaining = new Set([...knownFields].filter((name) => name !== field.field));
    for (const row of rows) {
      if (row.fields?.includes(field.field)) await updatePermission(row.id, { fields: withField(row, field.field, false, remaining) });
    }
    // The notice comes once the table no longer shows the field, not while the deleted row is still on screen.
    await Promise.all([fields.reload(), customerRows.reload()]);
    setNotice(`The field ${field.field} and its values were deleted.`);
  }

  return (
    <AdminPage
      title="Ticket schema"
      description="The fields every ticket has. Add custom fields, edit the choices of dropdowns such as issue type and status, and choose which custom fields customers see."
      actions={
        <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={() => setDialog({ field: null })}>
          Add a custom field
        </Button>
      }
    >
      <Text size="sm" id="shown-to-customers-help">
        <strong>Shown to customers</strong> puts a custom field on the customer’s new-ticket form and on their ticket page. It adds the field to the Customer
        role’s <em>read</em> and <em>create</em> permissions on tickets (see Roles &amp; permissions). Fields not shown stay visible to agents and admins only.
        Which built-in fields customers see is set in the Customer role’s permissions.
      </Text>
      {notice && <SuccessNotice message={notice} onClose={() => setNotice(null)} />}
      {error && <ErrorAlert title="Not saved" message={error} />}
      {fields.error !== undefined && <ErrorAlert title="Could not load the fields" message={describeAdminError(fields.error)} />}
      {customerRows.error !== undefined && <ErrorAlert title="Could not load what customers see" message={describeAdminError(customerRows.error)} />}
      {fields.data === undefined && fields.loading ? (
        <LoadingBlock label="Loading fields…" />
      ) : list.length === 0 && fields.error === undefined ? (
        <EmptyBlock title="No fields" />
      ) : (
        <Table.ScrollContainer minWidth={820}>
          <Table striped verticalSpacing="xs">
            <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>Fields of a ticket</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Field</Table.Th>
                <Table.Th>Type</Table.Th>
                <Table.Th>Required</Table.Th>
                <Table.Th>Shown to customers</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((field) => {
                const visibility = customerRows.data ? customerVisibility(field, customerRows.data) : null;
                return (
                  <Table.Tr key={field.field}>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Text size="sm" fw={600}>
                          {field.field}
                        </Text>
                        <Badge size="sm" variant="outline" color={field.meta.custom ? 'grape' : 'gray'} style={{ textTransform: 'none' }}>
                          {field.meta.custom ? 'Custom' : 'Built-in'}
                        </Badge>
                      </Group>
                      {field.meta.note && (
                        <Text size="xs" c="dimmed">
                          {field.meta.note}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{describeType(field)}</Text>
                      {field.meta.options?.choices && (
                        <Text size="xs" c="dimmed">
                          {field.meta.options.choices.map((choice) => choice.text).join(', ')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{field.meta.required ? 'Yes' : 'No'}</Table.Td>
                    <Table.Td>
                      {field.meta.custom ? (
                        visibility ? (
                          <Stack gap={2}>
                            <Switch
                              aria-label={`Show ${field.field} to customers`}
                              aria-describedby="shown-to-customers-help"
                              label={visibility.shown ? 'Shown' : 'Hidden'}
                              checked={visibility.shown}
                              disabled={visibility.locked !== null || busyField === field.field}
                              onChange={(event) => setShown(field, event.currentTarget.checked)}
                            />
                            {visibility.locked && (
                              <Text size="xs" c="dimmed" maw={260}>
                                {visibility.locked}
                              </Text>
                            )}
                          </Stack>
                        ) : (
                          <Text size="sm" c="dimmed">
                            {customerRows.data === null ? 'There is no Customer role.' : '…'}
                          </Text>
                        )
                      ) : (
                        <Text size="sm" c="dimmed" title="Built-in fields follow the Customer role’s permissions">
                          —
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" justify="flex-end" wrap="nowrap">
                        {isEditable(field) && (
                          <Button
                            variant="default"
                            size="xs"
                            leftSection={<IconPencil size={14} aria-hidden="true" />}
                            aria-label={`Edit ${field.field}`}
                            onClick={() => setDialog({ field })}
                          >
                            Edit
                          </Button>
                        )}
                        {!field.meta.builtin && (
                          <Button
                            variant="default"
                            color="red"
                            size="xs"
                            leftSection={<IconTrash size={14} aria-hidden="true" />}
                            aria-label={`Delete ${field.field}`}
                            onClick={() => setDeleting(field)}
                          >
                            Delete
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <FieldDialog
        opened={dialog !== null}
        field={dialog?.field ?? null}
        onClose={() => setDialog(null)}
        onSaved={async (message) => {
          setDialog(null);
          setError(null);
          setNotice(message);
          await Promise.all([fields.reload(), customerRows.reload()]);
        }}
      />
      <ConfirmDialog
        opened={deleting !== null}
        title={deleting ? `Delete the field ${deleting.field}?` : 'Delete field?'}
        confirmLabel="Delete field"
        onClose={() => setDeleting(null)}
        onConfirm={async () => {
          if (deleting) await removeField(deleting);
        }}
      >
        The field and its value on every ticket are deleted. This cannot be undone.
      </ConfirmDialog>
    </AdminPage>
  );
}
