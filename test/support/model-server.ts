import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A real HTTP server on 127.0.0.1 that serves fixture model bytes the way a model host
 * does (Range, ETag, If-Range), and misbehaves on request: drops the connection after
 * some bytes, stalls, ignores Range, or answers an error status. It records what it was
 * asked and how many body bytes it sent, so tests can prove a resume did not fetch the
 * first half again.
 */
export interface Misbehaviour {
  /** Answer with this status and no file. */
  status?: number;
  /** Answer Range requests with 200 and the whole file. */
  ignoreRange?: boolean;
  /** Send this many body bytes of the response, then cut the connection. */
  dropAfter?: number;
  /** Send this many body bytes of the response, then send nothing more (the connection stays open). */
  stallAfter?: number;
  /** How many requests it applies to before the next one queued takes over (default 1). */
  times?: number;
}

export interface ServedRequest {
  path: string;
  range?: string;
  ifRange?: string;
  status: number;
  /** First byte of the file this response started at. */
  start: number;
  /** Body bytes written (handed to the socket). */
  bytesSent: number;
}

interface Served {
  body: Buffer;
  etag: string;
  lastModified: string;
  /** Applied in order, each to `times` requests; then the path behaves. */
  misbehaviours: (Misbehaviour & { used: number })[];
}

export class ModelServer {
  readonly requests: ServedRequest[] = [];
  /** Called as each request arrives, before it is answered: a test can look at the client's disk at that moment. */
  onRequest: ((request: ServedRequest) => void) | undefined;
  private readonly files = new Map<string, Served>();
  private readonly redirects = new Map<string, { location: string; status: number }>();
  private readonly sockets = new Set<Socket>();
  private readonly waiters: { check: () => boolean; resolve: () => void }[] = [];

  private constructor(
    private readonly server: http.Server,
    readonly origin: string,
  ) {}

  static async start(): Promise<ModelServer> {
    let instance: ModelServer | undefined;
    const server = http.createServer((req, res) => instance?.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    instance = new ModelServer(server, `http://127.0.0.1:${port}`);
    server.on('connection', (socket) => {
      instance?.sockets.add(socket);
      socket.on('close', () => instance?.sockets.delete(socket));
    });
    return instance;
  }

  url(path: string): string {
    return `${this.origin}${path}`;
  }

  /** Serves `body` at `path` (which starts with /); returns its URL. */
  serve(path: string, body: Buffer, etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`): string {
    this.files.set(path, { body, etag, lastModified: new Date(Date.UTC(2025, 0, 1)).toUTCString(), misbehaviours: [] });
    return this.url(path);
  }

  /** Answers `path` with a redirect to `location` (absolute or relative, sent as given); returns the URL of `path`. */
  redirect(path: string, location: string, status = 302): string {
    this.redirects.set(path, { location, status });
    return this.url(path);
  }

  /** Queues misbehaviours for the next requests of `path` (replacing any still queued). */
  misbehave(path: string, ...misbehaviours: Misbehaviour[]): void {
    const served = this.files.get(path);
    if (!served) throw new Error(`nothing served at ${path}`);
    served.misbehaviours = misbehaviours.map((m) => ({ ...m, used: 0 }));
  }

  behave(path: string): void {
    const served = this.files.get(path);
    if (served) served.misbehaviours = [];
  }

  requestsFor(path: string): ServedRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  bytesSentFor(path: string): number {
    return this.requestsFor(path).reduce((sum, r) => sum + r.bytesSent, 0);
  }

  /** Resolves once at least `bytes` body bytes of `path` have been written. */
  waitForBytes(path: string, bytes: number): Promise<void> {
    return this.waitFor(() => this.bytesSentFor(path) >= bytes);
  }

  waitFor(check: () => boolean): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ check, resolve }));
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) {
      if (waiter.check()) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0] as string;
    const record: ServedRequest = {
      path,
      ...(req.headers.range && { range: req.headers.range }),
      ...(typeof req.headers['if-range'] === 'string' && { ifRange: req.headers['if-range'] }),
      status: 0,
      start: 0,
      bytesSent: 0,
    };
    this.requests.push(record);
    this.onRequest?.(record);
    const hop = this.redirects.get(path);
    if (hop) {
      record.status = hop.status;
      res.writeHead(hop.status, { Location: hop.location, 'Content-Type': 'text/plain' }).end('moved');
      return;
    }
    const served = this.files.get(path);
    if (!served) {
      record.status = 404;
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    while (served.misbehaviours[0] && served.misbehaviours[0].used >= (served.misbehaviours[0].times ?? 1)) served.misbehaviours.shift();
    const active = served.misbehaviours[0];
    if (active) active.used += 1;
    if (active?.status) {
      record.status = active.status;
      res.writeHead(active.status, { 'Content-Type': 'text/plain' }).end(`status ${active.status}`);
      return;
    }

    const { body } = served;
    let start = 0;
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    const ifRange = req.headers['if-range'];
    const rangeHonoured = range && !active?.ignoreRange && (!ifRange || ifRange === served.etag || ifRange === served.lastModified);
    const headers: Record<string, string | number> = {
      'Content-Type': 'application/octet-stream',
      'Accept-Ranges': 'bytes',
      ETag: served.etag,
      'Last-Modified': served.lastModified,
    };
    if (rangeHonoured && range) {
      start = Number(range[1]);
      if (start >= body.length) {
        record.status = 416;
        res.writeHead(416, { 'Content-Range': `bytes */${body.length}` }).end();
        return;
      }
      record.status = 206;
      headers['Content-Range'] = `bytes ${start}-${body.length - 1}/${body.length}`;
    } else {
      record.status = 200;
    }
    record.start = start;
    const payload = body.subarray(start);
    headers['Content-Length'] = payload.length;
    res.writeHead(record.status, headers);

    const limit = active?.dropAfter ?? active?.stallAfter;
    if (limit === undefined) {
      res.end(payload, () => {
        record.bytesSent = payload.length;
        this.notify();
      });
      return;
    }
    const part = payload.subarray(0, Math.min(limit, payload.length));
    res.write(part, () => {
      record.bytesSent = part.length;
      this.notify();
      if (active?.dropAfter !== undefined) req.socket.destroy();
      // A stall keeps the connection open and silent until the client gives up or close().
    });
  }
}
