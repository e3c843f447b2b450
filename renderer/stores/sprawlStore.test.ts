// Tests for the Sprawl view's store: removing orphaned media one by one, with one notice listing each result.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.ts';
import type { OrphanedMedium } from '../../shared/domain/sprawl.ts';
import { useSprawlStore } from './sprawlStore.ts';
import { useNotificationsStore } from './notificationsStore.ts';
import { setupStores } from '../test/mountWithApp.ts';

const orphan = (mediumId: string, name: string, freesDiskMiB: number): OrphanedMedium => ({ mediumId, kind: 'disk', name, reason: 'Disk of removed machine', freesDiskMiB, suggestion: 'Remove it' });

describe('sprawlStore.removeOrphans', () => {
  it('removes each medium on its own, so one refusal stops none of the others, and keeps the result in the notification center', async () => {
    const backend = setupStores([]);
    backend.overrides.removeMedium = ((input: { mediumId: string }) => {
      if (input.mediumId === 'disk-2') throw new AppError('INVALID_STATE', '"b.vdi" is the base of a linked clone', 'mediumId');
      return { ...backend.media.media, freedMiB: input.mediumId === 'disk-1' ? 2048 : 512 };
    }) as never;
    const sprawl = useSprawlStore();
    await sprawl.removeOrphans([orphan('disk-1', 'a.vdi', 2048), orphan('disk-2', 'b.vdi', 100), orphan('disk-3', 'c.vdi', 512)]);

    expect(backend.callsOf('removeMedium')).toEqual([{ mediumId: 'disk-1' }, { mediumId: 'disk-2' }, { mediumId: 'disk-3' }]);
    expect(sprawl.lastRemoval).toBe('Removed 2 of 3 orphaned media; 2.5 GiB freed; 1 refused');
    const notice = useNotificationsStore().notices[0]!;
    expect(notice).toMatchObject({ title: 'Removed 2 of 3 orphaned media; 2.5 GiB freed; 1 refused', tone: 'warning' });
    expect(notice.items).toEqual([
      { name: 'a.vdi', ok: true, detail: '2 GiB freed' },
      { name: 'b.vdi', ok: false, detail: '"b.vdi" is the base of a linked clone' },
      { name: 'c.vdi', ok: true, detail: '512 MiB freed' },
    ]);
    // The ledger is asked again, so the removed ones leave the list.
    expect(backend.callsOf('getSprawlReport')).toHaveLength(1);
    expect(sprawl.removing).toBe(false);
  });
});
