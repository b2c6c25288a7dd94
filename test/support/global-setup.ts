/** Nothing is shared across test files yet; Redis-backed suites start their own server (test/support/redis.ts). */
export default function setup(): void {}
