import type { Kysely } from 'kysely';

/**
 * Customers could name any address as a ticket's customer_email, and the notification flows then mailed that
 * address. The Customer role's create rule now requires their own account's email. Only a rule still as shipped
 * (no validation of its own) is changed; a rule an admin edited is left to the admin. Existing emails are lower-cased
 * like account emails, so rules can compare them.
 */
const CUSTOMER_EMAIL_RULE = { customer_email: { _eq: '$CURRENT_USER.email' } };

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was
export async function up(db: Kysely<any>): Promise<void> {
  const customer = await db.selectFrom('roles').select('id').where('name', '=', 'Customer').executeTakeFirst();
  if (customer) {
    await db
      .updateTable('permissions')
      .set({ validation: JSON.stringify(CUSTOMER_EMAIL_RULE) })
      .where('role', '=', customer.id)
      .where('collection', '=', 'support_ticket')
      .where('action', '=', 'create')
      .where('validation', 'is', null)
      .execute();
  }
  await db
    .updateTable('support_ticket')
    .set((eb) => ({ customer_email: eb.fn('lower', [eb.fn('trim', ['customer_email'])]) }))
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was
export async function down(db: Kysely<any>): Promise<void> {
  await db
    .updateTable('permissions')
    .set({ validation: null })
    .where('collection', '=', 'support_ticket')
    .where('action', '=', 'create')
    .where('validation', '=', JSON.stringify(CUSTOMER_EMAIL_RULE))
    .execute();
}
