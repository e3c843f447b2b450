// Everything the engine worker does apart from owning the thread: message checks, dispatch, replies, the loop.
import { toAppErrorData } from '../shared/errors.ts';
import type { AppErrorData } from '../shared/errors.ts';
import type { EngineNotification, EngineReply, WorkerToMain } from '../shared/engine/protocol.ts';
import { isEngineCoreCommand, unknownCommandError } from './commandSchemas.ts';
import { Engine } from './engine.ts';
import { RealtimeLoop } from './realtimeLoop.ts';
import type { IntervalScheduler } from './realtimeLoop.ts';

export interface WorkerSessionOptions {
  /**
   * Posts by copy, never with a transfer list: transferring detaches an ArrayBuffer, and the first detach in a thread
   * makes V8 check every typed-array access for a detached buffer from then on (its "ArrayBufferDetaching" protector).
   * The step loop is nearly all typed-array accesses: measured 14 % slower at 1,000 guests. A telemetry batch is a few
   * kilobytes a second to copy.
   */
  readonly post: (message: WorkerToMain) => void;
  readonly scheduler: IntervalScheduler;
  /** Must make the thread die as a real crash would (an uncaught error), not reply. */
  readonly crash: (reason: string) => void;
  readonly tickMs?: number;
}

/** Reply id used when a malformed message carries no usable id of its own. */
export const unknownRequestId = -1;

export class WorkerSession {
  private readonly options: WorkerSessionOptions;
  private readonly engine = new Engine({ seed: 0 });
  private readonly loop: RealtimeLoop;
  private initialized = false;

  constructor(options: WorkerSessionOptions) {
    this.options = options;
    this.loop = new RealtimeLoop({
      engine: this.engine,
      scheduler: options.scheduler,
      tickMs: options.tickMs,
      onNotifications: (notifications) => notifications.forEach((n) => this.postNotification(n)),
    });
  }

  /** Handles one message from main; never throws, whatever the message is. */
  receive(message: unknown): void {
    const id = requestIdOf(message);
    if (!isRecord(message) || message['kind'] !== 'request' || id === undefined) {
      this.replyError(id ?? unknownRequestId, {
        code: 'BAD_REQUEST',
        message: 'Engine messages must look like { kind: "request", id: <integer>, command: <name>, input: <object> }',
      });
      return;
    }
    const command = message['command'];
    const input = message['input'];

    if (command === 'crash') {
      const reason = isRecord(input) && typeof input['reason'] === 'string' ? input['reason'] : 'no reason given';
      this.options.crash(reason);
      return;
    }
    if (!isEngineCoreCommand(command)) {
      this.replyError(id, unknownCommandError(command).toData());
      return;
    }
    if (!this.initialized && command !== 'init') {
      this.replyError(id, {
        code: 'ENGINE_UNAVAILABLE',
        message: 'The engine has not been initialised yet; send "init" before any other command',
      });
      return;
    }

    let reply: EngineReply;
    try {
      const value = this.engine.handle(command, input as never);
      // What the command changed travels with its reply, so the backend applies it before answering its caller.
      const changes = this.engine.takeChanges();
      reply = changes === undefined ? { kind: 'reply', id, ok: true, value } : { kind: 'reply', id, ok: true, value, changes };
    } catch (error) {
      reply = { kind: 'reply', id, ok: false, error: toAppErrorData(error) };
    }
    this.options.post(reply);

    if (command === 'init' && reply.ok) {
      this.initialized = true;
      this.loop.start();
    }
  }

  /** Stops the real-time loop so the thread can exit. */
  dispose(): void {
    this.loop.stop();
  }

  private postNotification(notification: EngineNotification): void {
    this.options.post(notification);
  }

  private replyError(id: number, error: AppErrorData): void {
    this.options.post({ kind: 'reply', id, ok: false, error });
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requestIdOf(message: unknown): number | undefined {
  if (!isRecord(message)) return undefined;
  const id = message['id'];
  return typeof id === 'number' && Number.isSafeInteger(id) ? id : undefined;
}
