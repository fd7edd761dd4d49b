import { Checkbox, NativeSelect, Textarea, TextInput } from '@mantine/core';
import type { FieldMeta } from '../../../common/src/helpdesk';
import type { InputValue } from '../lib/field-values';
import { choicesOf, fieldLabel } from '../lib/tickets';

/**
 * One input for one ticket field, chosen from its metadata: a dropdown for choices, a checkbox for yes/no, a text
 * area for long text, number and date inputs, else a text box. Used by the new-ticket form (built-in and custom
 * fields alike) and by the agent's custom-field editor, so a field an admin adds works everywhere without code.
 */
export function TicketFieldInput({
  field,
  value,
  onChange,
  label = fieldLabel(field.field),
  description = field.meta.note ?? undefined,
  error,
  required = field.meta.required,
  placeholder,
  autoComplete,
  type,
  readOnly = false,
}: {
  field: FieldMeta;
  value: InputValue;
  onChange(value: InputValue): void;
  label?: string;
  description?: string;
  error?: string;
  required?: boolean;
  placeholder?: string;
  autoComplete?: string;
  /** The text box's type when the field's own type does not say it (an email address is a string). */
  type?: string;
  /** Shown but not editable (a value that comes from the account). Text boxes only. */
  readOnly?: boolean;
}) {
  const common = { label, description, error, required, name: field.field };
  const text = typeof value === 'string' ? value : '';
  const choices = choicesOf(field);

  if (choices.length > 0) {
    return (
      <NativeSelect
        {...common}
        value={text}
        onChange={(event) => onChange(event.currentTarget.value)}
        data={[{ value: '', label: required ? 'Choose…' : '— None —' }, ...choices.map((choice) => ({ value: choice.value, label: choice.text }))]}
      />
    );
  }
  if (field.type === 'boolean') {
    return (
      <Checkbox
        label={label}
        description={description}
        error={error}
        name={field.field}
        checked={value === true}
        onChange={(event) => onChange(event.currentTarget.checked)}
      />
    );
  }
  if (field.type === 'text' || field.meta.interface === 'textarea') {
    return (
      <Textarea
        {...common}
        autosize
        minRows={4}
        maxRows={14}
        value={text}
        placeholder={placeholder}
        onChange={(event) => onChange(event.currentTarget.value)}
      />
    );
  }
  return (
    <TextInput
      {...common}
      type={type ?? inputType(field.type)}
      inputMode={field.type === 'integer' ? 'numeric' : field.type === 'decimal' ? 'decimal' : undefined}
      maxLength={field.schema?.max_length ?? undefined}
      value={text}
      placeholder={placeholder}
      autoComplete={autoComplete}
      readOnly={readOnly}
      onChange={(event) => onChange(event.currentTarget.value)}
    />
  );
}

function inputType(type: string): string {
  switch (type) {
    case 'integer':
    case 'decimal':
      return 'number';
    case 'date':
      return 'date';
    case 'datetime':
    case 'timestamp':
      return 'datetime-local';
    default:
      return 'text';
  }
}
