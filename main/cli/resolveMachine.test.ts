// Machine and snapshot references: by id or case-insensitive name; unknown and ambiguous ones are errors that say why.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.ts';
import { findMachine, findSnapshot } from './resolveMachine.ts';
import { sampleMachine, sampleSnapshot, sampleTree } from './testing/sampleMachines.ts';

const web = sampleMachine();
const db = sampleMachine({ id: '22222222-2222-4222-8222-222222222222', name: 'DB Server' });

describe('findMachine', () => {
  it('finds by id and by name ignoring case and surrounding spaces', () => {
    expect(findMachine([web, db], db.id)).toBe(db);
    expect(findMachine([web, db], 'db server')).toBe(db);
    expect(findMachine([web, db], '  WEB-01 ')).toBe(web);
  });

  it('answers NOT_FOUND pointing at virtlab list', () => {
    expect(() => findMachine([web], 'nope')).toThrow(expect.objectContaining({ code: 'NOT_FOUND', message: expect.stringMatching(/"nope".*virtlab list/) }));
  });

  it('refuses a reference that matches two machines and lists them', () => {
    const twin = sampleMachine({ id: '33333333-3333-4333-8333-333333333333', name: 'Web-01' });
    const attempt = () => findMachine([web, twin], 'web-01');
    expect(attempt).toThrow(AppError);
    expect(attempt).toThrow(/matches 2 machines.*11111111-.*33333333-.*give the id/);
  });
});

describe('findSnapshot', () => {
  const tree = sampleTree(web.id);

  it('finds by id first, then by name ignoring case', () => {
    expect(findSnapshot(web, tree.snapshots, 's-a').name).toBe('Branch A');
    expect(findSnapshot(web, tree.snapshots, 'branch b').id).toBe('s-b');
  });

  it('names the snapshots that exist when none matches', () => {
    expect(() => findSnapshot(web, tree.snapshots, 'x')).toThrow(/"web-01" has no snapshot .*"x".*"Base", "Branch A", "Branch B"/);
    expect(() => findSnapshot(web, [], 'x')).toThrow(/it has no snapshots/);
  });

  it('refuses a name two snapshots share', () => {
    const twins = [sampleSnapshot({ id: 'one', name: 'daily' }), sampleSnapshot({ id: 'two', name: 'Daily' })];
    expect(() => findSnapshot(web, twins, 'daily')).toThrow(/2 snapshots named "daily" \(\{one\}, \{two\}\); give the id/);
  });
});
