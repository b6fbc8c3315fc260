/** Rates with their binomial standard error: the unit of every dataset measurement. */

/** k successes out of n, with the binomial standard error. */
export interface Rate {
  k: number;
  n: number;
  rate: number;
  /** sqrt(rate (1 − rate) / n); 0 when n = 0. */
  se: number;
}

export function rate(k: number, n: number): Rate {
  const r = n === 0 ? 0 : k / n;
  return { k, n, rate: r, se: n === 0 ? 0 : Math.sqrt((r * (1 - r)) / n) };
}
