/** A clock tests can move forward, injected where the server asks for `now()`. It keeps ticking in real time. */
export interface TestClock {
  now: () => Date;
  advance(ms: number): void;
}

export function createTestClock(): TestClock {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance(ms) {
      offset += ms;
    },
  };
}
