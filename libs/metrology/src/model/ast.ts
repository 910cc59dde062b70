/** Syntax tree of a measurement model such as `lS + d - lS*(dAlpha*theta + alphaS*dTheta)`. */
export type Node =
  | { readonly kind: 'number'; readonly text: string; readonly value: number }
  | { readonly kind: 'input'; readonly index: number; readonly name: string }
  | { readonly kind: 'pi' }
  | { readonly kind: 'negate'; readonly arg: Node }
  | { readonly kind: 'binary'; readonly op: '+' | '-' | '*' | '/' | '^'; readonly left: Node; readonly right: Node }
  | { readonly kind: 'call'; readonly fn: FunctionName; readonly args: readonly Node[] };

/** The functions a model may call, with their arity; `log` and `ln` are both the natural logarithm. */
export const FUNCTIONS = {
  sqrt: 1,
  exp: 1,
  log: 1,
  ln: 1,
  log10: 1,
  sin: 1,
  cos: 1,
  tan: 1,
  asin: 1,
  acos: 1,
  atan: 1,
  sinh: 1,
  cosh: 1,
  tanh: 1,
  abs: 1,
  pow: 2,
  atan2: 2,
} as const;
export type FunctionName = keyof typeof FUNCTIONS;

/** A parsed model: its inputs in a fixed order (the order of the gradient and of the columns). */
export interface Model {
  readonly source: string;
  readonly names: readonly string[];
  readonly root: Node;
}
