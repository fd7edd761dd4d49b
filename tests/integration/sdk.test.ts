import { authentication, createDirectus, readMe, rest } from '@directus/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createTestApp, type TestApp } from '../support/test-app.js';
import { testDatabases } from '../support/test-database.js';

for (const dialect of testDatabases()) {
  describe(`@directus/sdk against Parley (${dialect})`, () => {
    let t: TestApp;
    let url: string;
    beforeAll(async () => {
      t = await createTestApp(dialect);
      url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    });
    afterAll(() => t?.close());

    it('logs in, refreshes and reads /users/me with rest + authentication', async () => {
      const client = createDirectus(url)
        .with(authentication('json', { autoRefresh: false }))
        .with(rest());
      const login = await client.login(ADMIN_EMAIL, ADMIN_PASSWORD);
      expect(login.access_token).toBeTypeOf('string');
      expect(login.refresh_token).toBeTypeOf('string');
      const me = await client.request(readMe({ fields: ['id', 'email'] }));
      expect(me.email).toBe(ADMIN_EMAIL);

      const refreshed = await client.refresh();
      expect(refreshed.refresh_token).not.toBe(login.refresh_token);
      const again = await client.request(readMe());
      expect(again.email).toBe(ADMIN_EMAIL);
      await client.logout();
    });

    it('surfaces Parley errors in the Directus error shape', async () => {
      const client = createDirectus(url).with(authentication('json')).with(rest());
      await expect(client.login(ADMIN_EMAIL, 'wrong-password')).rejects.toMatchObject({
        errors: [{ extensions: { code: 'INVALID_CREDENTIALS' } }],
      });
    });
  });
}
