/**
 * A quick shape check before a round trip (something@something.tld, no spaces). The server has the final word; this
 * only catches typos early with a friendlier message.
 */
export function isEmailLike(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());
}
