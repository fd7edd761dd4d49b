import type { Operation } from '../../../api/admin/flows';

/** How an operation is reached: the flow's first operation, its parent's ✓ (resolve) or ✗ (reject) path. */
export type ChainVia = 'start' | 'resolve' | 'reject';

/**
 * One line of the chain as the editor lists it: an operation, a link back to one already listed (a loop, or two
 * paths joining), or a link to an operation that no longer exists.
 */
export type ChainRow =
  | { kind: 'operation'; operation: Operation; depth: number; via: ChainVia; parent: Operation | null }
  | { kind: 'jump'; target: Operation; depth: number; via: ChainVia; parent: Operation | null }
  | { kind: 'missing'; id: string; depth: number; via: ChainVia; parent: Operation | null };

export interface Chain {
  /** The operations reachable from the flow's first one, in reading order. */
  rows: ChainRow[];
  /** Operations no path reaches (they never run), each with what follows from it. */
  detached: ChainRow[];
}

/**
 * Lists a flow's operations in chain order, starting at `first`: each operation, then (indented one level) what
 * runs when it fails (✗), then, at its own level, what runs when it succeeds (✓). The ✓ path is the main line, so a
 * plain sequence of steps stays flat. An operation reached a second time is listed once, then referred to.
 */
export function buildChain(first: string | null, operations: Operation[]): Chain {
  const byId = new Map(operations.map((operation) => [operation.id, operation]));
  const seen = new Set<string>();
  const walk = (start: string | null, depth: number, via: ChainVia, parent: Operation | null, rows: ChainRow[]) => {
    let current = start;
    let currentVia = via;
    let currentParent = parent;
    while (current) {
      const operation = byId.get(current);
      if (!operation) {
        rows.push({ kind: 'missing', id: current, depth, via: currentVia, parent: currentParent });
        return;
      }
      if (seen.has(operation.id)) {
        rows.push({ kind: 'jump', target: operation, depth, via: currentVia, parent: currentParent });
        return;
      }
      seen.add(operation.id);
      rows.push({ kind: 'operation', operation, depth, via: currentVia, parent: currentParent });
      if (operation.reject) walk(operation.reject, depth + 1, 'reject', operation, rows);
      current = operation.resolve;
      currentVia = 'resolve';
      currentParent = operation;
    }
  };

  const rows: ChainRow[] = [];
  walk(first, 0, 'start', null, rows);

  // What is left never runs. Start from operations nothing else links to, then any rest (a detached loop).
  const detached: ChainRow[] = [];
  const left = operations.filter((operation) => !seen.has(operation.id));
  const linkedFromLeft = new Set(left.flatMap((operation) => [operation.resolve, operation.reject]).filter((id): id is string => id !== null));
  for (const operation of [...left.filter((candidate) => !linkedFromLeft.has(candidate.id)), ...left]) {
    if (!seen.has(operation.id)) walk(operation.id, 0, 'start', null, detached);
  }
  return { rows, detached };
}

/** Where a new operation goes: after `parent` on one of its paths, or first in the flow (parent null). */
export interface InsertPoint {
  parent: Operation | null;
  path: 'resolve' | 'reject';
}

/**
 * What inserting at `point` links: the new operation takes over what was there before (the parent's old next
 * operation on that path, or the old first operation) as its own ✓ next, so nothing is cut off.
 */
export function insertionLinks(point: InsertPoint, firstOperation: string | null): { resolve: string | null } {
  if (!point.parent) return { resolve: firstOperation };
  return { resolve: point.parent[point.path] };
}

/** A key not used by any operation of the flow yet: "request", then "request_2", "request_3", … */
export function suggestKey(type: string, operations: Operation[]): string {
  const base = type.replace(/[^A-Za-z0-9_]/g, '_').replace(/^[^A-Za-z_]/, '_');
  const taken = new Set(operations.map((operation) => operation.key));
  if (!taken.has(base)) return base;
  for (let index = 2; ; index++) if (!taken.has(`${base}_${index}`)) return `${base}_${index}`;
}

/** The server's rule for keys (letters, digits, _ and -, not starting with a digit or -), and uniqueness per flow. */
export function keyProblem(key: string, operations: Operation[], self?: string): string | null {
  if (!key) return 'Give the operation a key: later operations read its result as {{key}}.';
  if (key.length > 64) return 'Keep the key to 64 characters.';
  if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key)) return 'Use letters, digits, _ and -, starting with a letter or _.';
  if (operations.some((operation) => operation.key === key && operation.id !== self)) return `Another operation of this flow already has the key "${key}".`;
  return null;
}
