// How a part opens its page socket (WS /<name>/ws?token=…): refused without the start's token,
// text frames only, every message checked against the part's contract; what does not conform is
// logged and dropped, never obeyed.
import type {} from '@fastify/websocket';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import type { Logger } from 'pino';
import type { Parsed } from '../../core/contract/common.js';
import type { PageKind } from '../../core/contract/pages.js';
import type { HostContext } from '../context.js';
import { hasToken } from './page.js';

export interface PageConnection<M> {
  onMessage(message: M): void;
  onClose(): void;
}

export interface SocketOptions<M> {
  name: PageKind;
  parse(raw: string): Parsed<M>;
  /** Further checks of the upgrade request: an error to answer with 400, or null. */
  checkRequest?(req: FastifyRequest): string | null;
  /** A page connected: what to do with its messages. */
  connect(socket: WebSocket, req: FastifyRequest, log: Logger): PageConnection<M>;
  log: (req: FastifyRequest) => Logger;
}

export function registerSocket<M>(app: FastifyInstance, ctx: HostContext, opts: SocketOptions<M>): void {
  app.get(`/${opts.name}/ws`, {
    websocket: true,
    preValidation: async (req, reply) => {
      if (!hasToken(req, ctx.token)) return reply.code(401).send({ error: 'bad token' });
      const bad = opts.checkRequest?.(req);
      if (bad) return reply.code(400).send({ error: bad });
    },
  }, (socket, req) => {
    const log = opts.log(req);
    const conn = opts.connect(socket, req, log);
    socket.on('message', (data, isBinary) => {
      if (isBinary) return void socket.close(1003, 'text only');
      const parsed = opts.parse(data.toString());
      if (!parsed.ok) {
        log.warn({ error: parsed.error }, `invalid message from ${opts.name} page ignored`);
        return;
      }
      conn.onMessage(parsed.value);
    });
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      conn.onClose();
    };
    socket.on('close', close);
    socket.on('error', close);
  });
}
