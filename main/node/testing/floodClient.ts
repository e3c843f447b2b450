// A WebSocket client that sends many calls and never reads a reply, as a stuck or hostile client would.
import { WebSocket } from 'ws';

export interface Flood {
  readonly socket: WebSocket;
  /** Resolves when every frame was handed to the operating system, or the connection went away first. */
  readonly sent: Promise<void>;
}

export function floodWithoutReading(wsUrl: string, calls: number, method = 'listMachines'): Promise<Flood> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl);
    socket.once('error', reject);
    socket.once('open', () => {
      // Stops reading from the TCP socket: the server's replies pile up on its side.
      socket.pause();
      const sent = new Promise<void>((done) => {
        let pending = calls;
        const one = (): void => {
          pending -= 1;
          if (pending === 0) done();
        };
        socket.once('close', () => done());
        for (let id = 1; id <= calls; id += 1) socket.send(`{"kind":"call","id":${id},"method":"${method}","params":{}}`, one);
      });
      resolve({ socket, sent });
    });
  });
}
