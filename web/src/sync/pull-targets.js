// What one table's pull reads: the whole table (Scan), one Query per partition key value, or
// the app's key conditions; each target keeps its own position (the highest change marker seen).
import { canonical } from './values.js';

/** @returns {{ id: string, operation: 'Scan' | 'Query', input: object }[]} */
export function pullTargets(settings, partitionKey) {
  const { pull } = settings;
  if (pull === false) return [];
  if (pull === 'table') return [{ id: 'table', operation: 'Scan', input: {} }];
  if (pull.partitions) {
    return pull.partitions.map((value) => ({
      id: `partition:${canonical(value)}`,
      operation: 'Query',
      input: { KeyConditionExpression: '#pdk = :pdk', ExpressionAttributeNames: { '#pdk': partitionKey }, ExpressionAttributeValues: { ':pdk': value } },
    }));
  }
  return pull.queries.map((query) => ({ id: `query:${canonical(query)}`, operation: 'Query', input: { ...query } }));
}

/** The target's input reading only items whose marker is at or after `since` (equal: written in the same instant). */
export function sinceInput(input, marker, since) {
  if (!marker || !since) return input;
  const filter = '#pdm >= :pdm';
  return {
    ...input,
    FilterExpression: input.FilterExpression ? `(${input.FilterExpression}) AND ${filter}` : filter,
    ExpressionAttributeNames: { ...input.ExpressionAttributeNames, '#pdm': marker },
    ExpressionAttributeValues: { ...input.ExpressionAttributeValues, ':pdm': since },
  };
}

/** The later of two marker values (numbers by value, strings by order). */
export function laterMarker(a, b) {
  if (!a) return b ?? null;
  if (!b) return a;
  if (a.N !== undefined && b.N !== undefined) return Number(b.N) > Number(a.N) ? b : a;
  if (a.S !== undefined && b.S !== undefined) return b.S > a.S ? b : a;
  return b;
}
