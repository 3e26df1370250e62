// The configured first admin (BOURSE_ADMIN_USERNAME/PASSWORD) on a data dir where the name is taken: an existing trader is
// promoted only with their own password, otherwise the start is refused; an existing admin is left as it is.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, TestPlatform } from '../support/platform.ts';

describe('the configured first admin', () => {
  let platform: TestPlatform;
  beforeEach(async () => {
    platform = await TestPlatform.start();
  });
  afterEach(async () => {
    await platform.dispose();
  });

  const TAKEN = { username: 'teamadmin', password: 'attacker password 1' };

  it('refuses to start when the name belongs to a trader and the password is not theirs, and promotes nobody', async () => {
    await platform.api().register(TAKEN.username, TAKEN.password);
    const operator = { username: TAKEN.username, password: 'operator chosen pw 123' };
    await expect(platform.restart({ admin: operator })).rejects.toThrow(
      /BOURSE_ADMIN_USERNAME names "teamadmin", an existing user who is not an admin, and BOURSE_ADMIN_PASSWORD is not their password.*Choose another BOURSE_ADMIN_USERNAME, or set BOURSE_ADMIN_PASSWORD to that user's password/,
    );
    // The data dir is usable again at once (the refused start let go of it), and the trader is still a trader.
    await platform.restart();
    expect((await platform.api().login(TAKEN.username, TAKEN.password)).user.role).toBe('trader');
    expect((await platform.api().call('POST', '/api/v1/auth/login', { json: operator })).status).toBe(401);
    expect(platform.logs.text).not.toContain(operator.password);
  });

  it("promotes an existing trader when the configured password is theirs, and says so in the log without the password", async () => {
    const before = await platform.api().register(TAKEN.username, TAKEN.password);
    await platform.restart({ admin: TAKEN });
    const session = await platform.api().login(TAKEN.username, TAKEN.password);
    expect(session.user).toMatchObject({ id: before.id, role: 'admin' });
    const line = platform.logs.lines().find((entry) => typeof entry.msg === 'string' && entry.msg.startsWith('existing user made admin'));
    expect(line).toMatchObject({ level: 40, userId: before.id, username: TAKEN.username });
    expect(platform.logs.text).not.toContain(TAKEN.password);
  });

  it('leaves an existing admin as it is: its password is not reset to the configured one', async () => {
    const other = { username: ADMIN.username, password: 'a different password 456' };
    await platform.restart({ admin: other });
    expect((await platform.api().login(ADMIN.username, ADMIN.password)).user.role).toBe('admin');
    expect((await platform.api().call('POST', '/api/v1/auth/login', { json: other })).status).toBe(401);
    expect(platform.logs.text).not.toContain(other.password);
  });
});
