// Tests for the real-time loop: tick size, speed, start/stop, with an injected scheduler.
import { describe, expect, it } from 'vitest';
import type { EngineNotification } from '../shared/engine/protocol.ts';
import { Engine } from './engine.ts';
import { RealtimeLoop } from './realtimeLoop.ts';
import { ManualScheduler } from './testScheduler.ts';

describe('RealtimeLoop', () => {
  it('advances the engine by tick × speed per tick and forwards notifications', () => {
    const engine = new Engine({ seed: 1, speed: 2.5 });
    const scheduler = new ManualScheduler();
    const received: EngineNotification[] = [];
    const loop = new RealtimeLoop({ engine, scheduler, onNotifications: (n) => received.push(...n) });
    loop.start();
    loop.start(); // idempotent
    expect(scheduler.activeCount).toBe(1);
    expect(scheduler.intervalOf(1)).toBe(100);
    scheduler.fire(4);
    expect(engine.simTimeMs).toBe(1000);
    expect(received.map((n) => n.kind)).toEqual(['telemetry']);
  });

  it('follows a speed change on the next tick and stops cleanly', () => {
    const engine = new Engine({ seed: 1 });
    const scheduler = new ManualScheduler();
    const loop = new RealtimeLoop({ engine, scheduler, onNotifications: () => {} });
    loop.start();
    scheduler.fire(3);
    expect(engine.simTimeMs).toBe(300);
    engine.handle('init', { seed: 1, speed: 10, machines: [] });
    scheduler.fire(1);
    expect(engine.simTimeMs).toBe(1000);
    loop.stop();
    expect(loop.running).toBe(false);
    expect(scheduler.activeCount).toBe(0);
    scheduler.fire(5);
    expect(engine.simTimeMs).toBe(1000);
  });
});
