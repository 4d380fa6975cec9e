import type { LocalStack } from './local-stack';
import { readSnapshot, renderSnapshot } from './live-view';

const RECENT_MESSAGES = 8;
const WINDOW_MINUTES = 5;

/**
 * The live terminal view: on a terminal the screen is redrawn every second with the last five
 * minutes of traffic, the alarms in ALARM and the latest messages; elsewhere (a pipe, CI) a
 * one-line summary is printed every 30 seconds and every message as it comes.
 */
export class TerminalView {
  readonly #messages: string[] = [];
  #timer?: NodeJS.Timeout;

  constructor(
    private readonly out: NodeJS.WriteStream,
    private readonly header: () => string,
  ) {}

  message(line: string): void {
    const stamped = `${new Date().toISOString().slice(11, 19)} ${line}`;
    if (!this.out.isTTY) {
      this.out.write(`${stamped}\n`);
      return;
    }
    this.#messages.push(stamped);
    if (this.#messages.length > RECENT_MESSAGES) this.#messages.shift();
  }

  start(stack: LocalStack): void {
    const draw = () => {
      const alarms = stack.evaluator
        .states()
        .filter((status) => status.state === 'ALARM')
        .map((status) => ({ name: status.name, severity: status.severity }));
      const snapshot = readSnapshot(stack.store, stack, Date.now(), WINDOW_MINUTES, alarms);
      const lines = renderSnapshot(snapshot, this.header());
      if (this.out.isTTY) {
        this.out.write(`\x1b[2J\x1b[H${[...lines, '', 'recent messages:', ...this.#messages].join('\n')}\n`);
      } else {
        this.out.write(`${lines.slice(1).join(' | ')}\n`);
      }
    };
    draw();
    this.#timer = setInterval(draw, this.out.isTTY ? 1000 : 30_000);
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}
