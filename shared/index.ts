// Public surface of the contract layer.
export * from './errors.ts';
export * from './domain/machineState.ts';
export * from './domain/osTypes.ts';
export * from './domain/virtualization.ts';
export * from './domain/host.ts';
export * from './domain/fitCheck.ts';
export * from './domain/machineMetrics.ts';
export * from './domain/machine.ts';
export * from './domain/telemetry.ts';
export * from './domain/engineStatus.ts';
export * from './api/methods.ts';
export * from './api/events.ts';
export * from './api/result.ts';
export * from './api/bridge.ts';
