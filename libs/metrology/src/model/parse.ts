import { fail } from '../errors';
import { FUNCTIONS, type FunctionName, type Model, type Node } from './ast';

/**
 * Parser for model expressions (JJF 1059.1 §4.1: the measurement model y = f(x₁…xₙ)). Grammar,
 * lowest precedence first; `^` (or `**`) binds tighter than unary minus, so -x^2 is -(x²), and
 * is right-associative, as in mathematics:
 *   sum     := product (('+' | '-') product)*
 *   product := unary (('*' | '/') unary)*
 *   unary   := ('-' | '+') unary | power
 *   power   := atom ('^' unary)?
 *   atom    := number | name | name '(' sum (',' sum)* ')' | '(' sum ')'
 * A hand-written parser keeps the accepted language small and explicit (no implicit
 * multiplication, no units, no assignments) and lets the same tree be evaluated in doubles, in
 * dual numbers, in decimals and compiled for Monte Carlo.
 */

interface Token {
  readonly type: 'number' | 'name' | 'op' | 'end';
  readonly text: string;
  readonly at: number;
}

const TOKEN = /\s*(?:(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|([\p{L}_][\p{L}\p{N}_]*)|(\*\*|[-+*/^(),]))/uy;

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < source.length) {
    if (/^\s*$/.test(source.slice(at))) break;
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(source);
    if (!m) fail(`model: unexpected character ${JSON.stringify(source.slice(at).trim()[0])} at column ${at + 1}`);
    const start = at + m[0].length - (m[1] ?? m[2] ?? m[3]).length;
    if (m[1] !== undefined) tokens.push({ type: 'number', text: m[1], at: start });
    else if (m[2] !== undefined) tokens.push({ type: 'name', text: m[2], at: start });
    else tokens.push({ type: 'op', text: m[3] === '**' ? '^' : m[3], at: start });
    at = TOKEN.lastIndex;
  }
  tokens.push({ type: 'end', text: 'end of model', at: source.length });
  return tokens;
}

export function parseModel(source: string, names: readonly string[]): Model {
  if (typeof source !== 'string' || source.trim() === '') fail('model must be a non-empty expression');
  const index = new Map<string, number>();
  names.forEach((name, i) => {
    if (index.has(name)) fail(`input ${JSON.stringify(name)} is given twice`);
    index.set(name, i);
  });
  const tokens = tokenize(source);
  let pos = 0;
  const peek = (): Token => tokens[pos];
  const take = (): Token => tokens[pos++];
  const expect = (text: string): void => {
    const t = take();
    if (t.text !== text) fail(`model: expected ${JSON.stringify(text)} at column ${t.at + 1}, found ${JSON.stringify(t.text)}`);
  };
  const isOp = (text: string): boolean => peek().type === 'op' && peek().text === text;

  function sum(): Node {
    let left = product();
    while (isOp('+') || isOp('-')) {
      const op = take().text as '+' | '-';
      left = { kind: 'binary', op, left, right: product() };
    }
    return left;
  }
  function product(): Node {
    let left = unary();
    while (isOp('*') || isOp('/')) {
      const op = take().text as '*' | '/';
      left = { kind: 'binary', op, left, right: unary() };
    }
    return left;
  }
  function unary(): Node {
    if (isOp('-')) {
      take();
      return { kind: 'negate', arg: unary() };
    }
    if (isOp('+')) {
      take();
      return unary();
    }
    return power();
  }
  function power(): Node {
    const base = atom();
    if (!isOp('^')) return base;
    take();
    return { kind: 'binary', op: '^', left: base, right: unary() };
  }
  function atom(): Node {
    const t = take();
    if (t.type === 'number') return { kind: 'number', text: t.text, value: Number(t.text) };
    if (t.type === 'op' && t.text === '(') {
      const inner = sum();
      expect(')');
      return inner;
    }
    if (t.type === 'name') {
      if (isOp('(')) return call(t);
      const i = index.get(t.text);
      if (i !== undefined) return { kind: 'input', index: i, name: t.text };
      if (t.text === 'pi') return { kind: 'pi' };
      fail(`model: ${JSON.stringify(t.text)} at column ${t.at + 1} is not one of the inputs (${names.join(', ')})`);
    }
    return fail(`model: unexpected ${JSON.stringify(t.text)} at column ${t.at + 1}`);
  }
  function call(name: Token): Node {
    if (!Object.prototype.hasOwnProperty.call(FUNCTIONS, name.text)) {
      fail(`model: unknown function ${JSON.stringify(name.text)}; known: ${Object.keys(FUNCTIONS).join(', ')}`);
    }
    const fn = name.text as FunctionName;
    take(); // '('
    const args: Node[] = [sum()];
    while (isOp(',')) {
      take();
      args.push(sum());
    }
    expect(')');
    if (args.length !== FUNCTIONS[fn]) fail(`model: ${fn} takes ${FUNCTIONS[fn]} argument(s), got ${args.length}`);
    return { kind: 'call', fn, args };
  }

  const root = sum();
  if (peek().type !== 'end') fail(`model: unexpected ${JSON.stringify(peek().text)} at column ${peek().at + 1}`);
  return { source, names: [...names], root };
}
