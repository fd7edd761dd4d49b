import { Accordion, ActionIcon, Button, Code, Group, List, NativeSelect, Radio, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { Dispatch, SetStateAction } from 'react';
import type { FormProblems, OperationForm } from './operation-form';
import { REQUEST_METHODS } from './operation-form';

const mono = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } };

/** The inputs of one operation type. */
export function OperationFields({
  type,
  form,
  setForm,
  problems,
  collections,
}: {
  type: string;
  form: OperationForm;
  setForm: Dispatch<SetStateAction<OperationForm>>;
  problems: FormProblems;
  collections: string[];
}) {
  const set =
    <K extends keyof OperationForm>(key: K) =>
    (value: OperationForm[K]) =>
      setForm((current) => ({ ...current, [key]: value }));
  const input = (key: 'url' | 'to' | 'subject' | 'message' | 'itemKey') => ({
    value: form[key],
    error: problems[key],
    onChange: (event: { currentTarget: { value: string } }) => set(key)(event.currentTarget.value),
  });
  const area = (key: 'body' | 'mailBody' | 'filter' | 'json' | 'query' | 'payload' | 'raw') => ({
    value: form[key],
    error: problems[key],
    autosize: true,
    minRows: 3,
    maxRows: 14,
    styles: mono,
    spellCheck: false,
    onChange: (event: { currentTarget: { value: string } }) => set(key)(event.currentTarget.value),
  });

  switch (type) {
    case 'request':
      return (
        <Stack gap="sm">
          <Group align="flex-start" gap="sm" wrap="nowrap">
            <NativeSelect label="Method" data={[...REQUEST_METHODS]} value={form.method} onChange={(event) => set('method')(event.currentTarget.value)} />
            <TextInput label="URL" required placeholder="https://example.com/hooks/parley" style={{ flex: 1 }} {...input('url')} />
          </Group>
          <HeaderRows form={form} setForm={setForm} problem={problems.headers} />
          <Radio.Group label="Body" value={form.bodyMode} onChange={(value) => set('bodyMode')(value as OperationForm['bodyMode'])}>
            <Group gap="md" mt={4}>
              <Radio value="json" label="JSON" />
              <Radio value="text" label="Text template" />
              <Radio value="none" label="No body" />
            </Group>
          </Radio.Group>
          {form.bodyMode !== 'none' && (
            <Textarea
              label={form.bodyMode === 'json' ? 'Body (JSON)' : 'Body (text template)'}
              description={
                form.bodyMode === 'json'
                  ? 'Templates inside strings are filled in; a string that is only a template, such as "{{$trigger.payload}}", becomes that value.'
                  : 'Sent as written, with templates filled in. {{$trigger}} alone sends the whole trigger as JSON.'
              }
              {...area('body')}
            />
          )}
          <TemplateHelp />
        </Stack>
      );
    case 'mail':
      return (
        <Stack gap="sm">
          <TextInput
            label="To"
            required
            description="An address, several separated by commas, or a template such as {{ticket.customer_email}}."
            {...input('to')}
          />
          <TextInput label="Subject" {...input('subject')} />
          <Textarea label="Body" description="Plain text; blank lines start new paragraphs. Values are escaped in the HTML version." {...area('mailBody')} />
          <TemplateHelp />
        </Stack>
      );
    case 'condition':
      return (
        <Stack gap="sm">
          <Textarea
            label="Filter rule (JSON)"
            required
            description="Checked against the data chain. Holds → the ✓ path runs; does not hold → the ✗ path (or, in a blocking flow, the change is refused)."
            {...area('filter')}
          />
          <TextInput
            label="Rejection message"
            description="Optional. Why the condition failed; a blocking (filter) flow answers the request with it."
            {...input('message')}
          />
          <Text size="xs" c="dimmed">
            Example: <Code>{'{"$trigger": {"payload": {"message": {"_ncontains": "lottery"}}}}'}</Code> holds unless the new item’s message contains “lottery”.
          </Text>
          <TemplateHelp />
        </Stack>
      );
    case 'log':
      return (
        <Stack gap="sm">
          <TextInput label="Message" description="Written to the server log and the run log." {...input('message')} />
          <TemplateHelp />
        </Stack>
      );
    case 'transform':
      return (
        <Stack gap="sm">
          <Textarea
            label="Result (JSON)"
            required
            description="The value this operation produces; later operations read it as {{key}} or {{$last}}. A blocking flow that ends with an object uses it as the new payload."
            {...area('json')}
          />
          <TemplateHelp />
        </Stack>
      );
    case 'item-read':
    case 'item-create':
    case 'item-update':
      return (
        <Stack gap="sm">
          <NativeSelect
            label="Collection"
            required
            value={form.collection}
            error={problems.collection}
            onChange={(event) => set('collection')(event.currentTarget.value)}
            data={[{ value: '', label: 'Choose a collection' }, ...collections.map((collection) => ({ value: collection, label: collection }))]}
          />
          {type !== 'item-create' && (
            <TextInput
              label={type === 'item-update' ? 'Key' : 'Key (optional)'}
              required={type === 'item-update'}
              description="The item’s id, several separated by commas, or a template such as {{$trigger.keys.0}}."
              {...input('itemKey')}
            />
          )}
          {type !== 'item-read' && (
            <Textarea
              label="Payload (JSON)"
              required
              description={type === 'item-create' ? 'The item to create (or a list of items).' : 'The values to change.'}
              {...area('payload')}
            />
          )}
          <Textarea label="Query (JSON, optional)" description='Read parameters, such as {"fields": ["id", "status"]}.' {...area('query')} />
          <Radio.Group label="Permissions" value={form.permissions} onChange={(value) => set('permissions')(value as OperationForm['permissions'])}>
            <Stack gap={6} mt={4}>
              <Radio value="$trigger" label="Those of whoever triggered the flow" />
              <Radio value="$full" label="Full access" />
            </Stack>
          </Radio.Group>
          <TemplateHelp />
        </Stack>
      );
    default:
      return <Textarea label="Options (JSON)" description="This operation type has no form here; edit its options as JSON." {...area('raw')} />;
  }
}

function HeaderRows({ form, setForm, problem }: { form: OperationForm; setForm: Dispatch<SetStateAction<OperationForm>>; problem?: string }) {
  const update = (index: number, change: Partial<{ header: string; value: string }>) =>
    setForm((current) => ({ ...current, headers: current.headers.map((row, at) => (at === index ? { ...row, ...change } : row)) }));
  return (
    <Stack gap={6} component="fieldset" m={0} p={0} style={{ border: 0 }}>
      <Text component="legend" size="sm" fw={500} p={0}>
        Headers
      </Text>
      {form.headers.length === 0 && (
        <Text size="xs" c="dimmed">
          None. Parley adds content-type, webhook-id, webhook-timestamp and, with a secret, webhook-signature.
        </Text>
      )}
      {form.headers.map((row, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own; they are edited in place.
        <Group key={index} gap="xs" align="flex-end" wrap="nowrap">
          <TextInput
            label={`Header ${index + 1} name`}
            placeholder="Authorization"
            value={row.header}
            onChange={(event) => update(index, { header: event.currentTarget.value })}
            style={{ flex: 1 }}
          />
          <TextInput
            label={`Header ${index + 1} value`}
            placeholder="Bearer …"
            value={row.value}
            onChange={(event) => update(index, { value: event.currentTarget.value })}
            style={{ flex: 2 }}
          />
          <ActionIcon
            variant="default"
            size="lg"
            mb={1}
            aria-label={`Remove header ${index + 1}`}
            onClick={() => setForm((current) => ({ ...current, headers: current.headers.filter((_, at) => at !== index) }))}
          >
            <IconTrash size={16} aria-hidden="true" />
          </ActionIcon>
        </Group>
      ))}
      {problem && (
        <Text size="sm" c="red.9" role="alert">
          {problem}
        </Text>
      )}
      <Group>
        <Button
          variant="default"
          size="xs"
          leftSection={<IconPlus size={14} aria-hidden="true" />}
          onClick={() => setForm((current) => ({ ...current, headers: [...current.headers, { header: '', value: '' }] }))}
        >
          Add header
        </Button>
      </Group>
    </Stack>
  );
}

/** What templates can read: the data chain of the run. */
export function TemplateHelp() {
  return (
    <Accordion variant="contained" chevronPosition="left">
      <Accordion.Item value="templates">
        <Accordion.Control>Templates you can use</Accordion.Control>
        <Accordion.Panel>
          <Text size="sm" mb="xs">
            Text in double braces is filled in from the run’s data when the operation runs (no code is executed):
          </Text>
          <List size="sm" spacing={4}>
            <List.Item>
              <Code>{'{{$trigger.payload}}'}</Code> the item’s values as created or changed (e.g. <Code>{'{{$trigger.payload.message}}'}</Code>)
            </List.Item>
            <List.Item>
              <Code>{'{{$trigger.keys}}'}</Code> the changed items’ keys (<Code>{'{{$trigger.key}}'}</Code> for a new item, <Code>{'{{$trigger.keys.0}}'}</Code>{' '}
              the first); <Code>{'{{$trigger.event}}'}</Code>, <Code>{'{{$trigger.collection}}'}</Code>
            </List.Item>
            <List.Item>
              <Code>{'{{$accountability.user}}'}</Code> the id of the person who made the change
            </List.Item>
            <List.Item>
              <Code>{'{{$last}}'}</Code> the result of the previous operation
            </List.Item>
            <List.Item>
              <Code>{'{{<key>}}'}</Code> the result of the operation with that key, such as <Code>{'{{ticket.customer_email}}'}</Code>
            </List.Item>
          </List>
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}
