/**
 * A minimal stand-in for the browser's WebSocket, driven by the test: `open()`, `receive(frame)`, `drop(code)` and
 * `refuse()` play the server's (or the network's) part; `sent` holds what the client sent, parsed. It follows the
 * browser where the client could tell the difference: `send` throws while connecting and discards once closing,
 * and the close event of a client-initiated `close()` arrives asynchronously.
 */
export class FakeWebSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;

  /** Every socket made since the last `FakeWebSocket.reset()`, oldest first. */
  static instances: FakeWebSocket[] = [];

  static reset(): void {
    FakeWebSocket.instances = [];
  }

  /** The newest socket. */
  static get last(): FakeWebSocket {
    const socket = FakeWebSocket.instances.at(-1);
    if (!socket) throw new Error("no WebSocket was created");
    return socket;
  }

  readonly url: string;
  readonly protocols: string[];
  readyState: number = FakeWebSocket.CONNECTING;
  /** The frames the client sent, parsed. */
  readonly sent: Record<string, unknown>[] = [];
  /** The arguments of the client's `close()` call, if it made one. */
  closedByClient: { code?: number; reason?: string } | null = null;

  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  onclose: ((event: { code: number; reason: string; wasClean: boolean }) => void) | null = null;

  constructor(url: string | URL, protocols: string | string[] = []) {
    this.url = String(url);
    this.protocols = typeof protocols === "string" ? [protocols] : [...protocols];
    FakeWebSocket.instances.push(this);
  }

  send(data: string): void {
    if (this.readyState === FakeWebSocket.CONNECTING) {
      throw new Error("InvalidStateError: still in CONNECTING state");
    }
    if (this.readyState !== FakeWebSocket.OPEN) return; // a browser discards it silently
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }

  close(code?: number, reason?: string): void {
    this.closedByClient = { code, reason };
    if (this.readyState >= FakeWebSocket.CLOSING) return;
    this.readyState = FakeWebSocket.CLOSING;
    queueMicrotask(() => this.finish(code ?? 1005, reason ?? "", true));
  }

  // --- the server's side ---

  /** The handshake succeeded. */
  open(): void {
    if (this.readyState !== FakeWebSocket.CONNECTING) throw new Error("not connecting");
    this.readyState = FakeWebSocket.OPEN;
    this.onopen?.(new Event("open"));
  }

  /** One text message holding `frame` as JSON. */
  receive(frame: object): void {
    this.receiveText(JSON.stringify(frame));
  }

  receiveText(text: string): void {
    if (this.readyState !== FakeWebSocket.OPEN) throw new Error("not open");
    this.onmessage?.({ data: text });
  }

  /** The connection ends from the far side (a close frame with `code`, or 1006 when it simply went away). */
  drop(code: number, reason = ""): void {
    if (this.readyState === FakeWebSocket.CLOSED) throw new Error("already closed");
    if (code === 1006) this.onerror?.(new Event("error"));
    this.finish(code, reason, code !== 1006);
  }

  /** The handshake was refused (401, 403, 400): a browser shows only `error`, then `close` 1006. */
  refuse(): void {
    if (this.readyState !== FakeWebSocket.CONNECTING) throw new Error("not connecting");
    this.drop(1006);
  }

  /** The frames sent of one type. */
  sentOfType(type: string): Record<string, unknown>[] {
    return this.sent.filter((frame) => frame.type === type);
  }

  private finish(code: number, reason: string, wasClean: boolean): void {
    if (this.readyState === FakeWebSocket.CLOSED) return;
    this.readyState = FakeWebSocket.CLOSED;
    this.onclose?.({ code, reason, wasClean });
  }
}
