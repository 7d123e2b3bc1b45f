/**
 * Colour for humans only: on a TTY, and never when NO_COLOR is set to anything non-empty
 * (https://no-color.org).
 */
export interface Paint {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
}

const wrap = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;
const plain = (text: string) => text;

export function colourEnabled(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && !env.NO_COLOR;
}

export function paint(stream: NodeJS.WriteStream): Paint {
  const on = colourEnabled(stream);
  return {
    bold: on ? wrap(1, 22) : plain,
    dim: on ? wrap(2, 22) : plain,
    red: on ? wrap(31, 39) : plain,
    green: on ? wrap(32, 39) : plain,
    yellow: on ? wrap(33, 39) : plain,
  };
}
