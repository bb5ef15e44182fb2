import { createPasswordService } from '../../src/services/password.service';

describe('the password service (bcrypt)', () => {
  const passwords = createPasswordService(10);

  it('hashes off the event loop: other callbacks run while a hash is computed', async () => {
    const order: string[] = [];
    const hashing = passwords.hash('correct horse battery').then(() => order.push('hashed'));
    // bcrypt's async API works on libuv's thread pool; hashSync would run first and block this.
    setImmediate(() => order.push('event loop turned'));
    await hashing;
    expect(order).toEqual(['event loop turned', 'hashed']);
  });

  it('matches only the right password, and refuses when there is no hash at all', async () => {
    const hash = await passwords.hash('correct horse battery');
    expect(await passwords.matches('correct horse battery', hash)).toBe(true);
    expect(await passwords.matches('wrong horse battery', hash)).toBe(false);
    expect(await passwords.matches('timing-equaliser', undefined)).toBe(false);
  });
});
