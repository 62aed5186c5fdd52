/** A fitted logistic model over named features, standardized with the training means and deviations. */
export interface LogisticModel {
  features: readonly string[];
  mean: number[];
  std: number[];
  weights: number[];
}

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** The log-odds the model gives a feature vector. */
export function logit(model: LogisticModel, x: readonly number[]): number {
  let z = 0;
  for (let i = 0; i < model.weights.length; i++) z += model.weights[i]! * (i === 0 ? 1 : ((x[i] ?? 0) - model.mean[i]!) / model.std[i]!);
  return z;
}

/** Solve A x = b (A symmetric positive definite, small) by Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    [m[c], m[p]] = [m[p]!, m[c]!];
    const pivot = m[c]![c]! || 1e-12;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / pivot;
      if (f !== 0) for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return m.map((row, i) => row[n]! / (row[i]! || 1e-12));
}

/**
 * Fit by Newton's method (iteratively reweighted least squares) with an L2 penalty; feature 0 is
 * the bias and is neither scaled nor penalized. By default rows are weighted so both classes count
 * equally (for ranking); `balanced: false` keeps probabilities calibrated (for thresholds).
 */
export function fitLogistic(features: readonly string[], rows: readonly number[][], labels: readonly number[], options: { iterations?: number; l2?: number; balanced?: boolean; negativeShare?: number } = {}): LogisticModel {
  const d = features.length;
  const n = rows.length;
  const mean = new Array<number>(d).fill(0);
  const std = new Array<number>(d).fill(1);
  for (let j = 1; j < d; j++) {
    let m = 0;
    for (const r of rows) m += r[j]!;
    m /= n;
    let v = 0;
    for (const r of rows) v += (r[j]! - m) ** 2;
    mean[j] = m;
    std[j] = Math.sqrt(v / n) || 1;
  }
  const xs = rows.map((r) => r.map((v, j) => (j === 0 ? 1 : (v - mean[j]!) / std[j]!)));
  const positives = labels.filter((y) => y === 1).length;
  const balanced = options.balanced ?? true;
  const wPos = balanced ? n / (2 * Math.max(1, positives)) : 1;
  const wNeg = balanced ? n / (2 * Math.max(1, n - positives)) : 1;
  const l2 = options.l2 ?? 1;
  let w = new Array<number>(d).fill(0);
  for (let it = 0; it < (options.iterations ?? 12); it++) {
    const grad = new Array<number>(d).fill(0);
    const hess = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (let i = 0; i < n; i++) {
      const x = xs[i]!;
      let z = 0;
      for (let j = 0; j < d; j++) z += w[j]! * x[j]!;
      const y = labels[i]!;
      const p = sigmoid(z);
      const c = y === 1 ? wPos : wNeg;
      const err = (p - y) * c;
      const h = p * (1 - p) * c;
      for (let j = 0; j < d; j++) {
        grad[j]! += err * x[j]!;
        const hj = h * x[j]!;
        const row = hess[j]!;
        for (let k = j; k < d; k++) row[k]! += hj * x[k]!;
      }
    }
    for (let j = 0; j < d; j++) {
      for (let k = 0; k < j; k++) hess[j]![k] = hess[k]![j]!;
      if (j > 0) {
        grad[j]! += l2 * w[j]!;
        hess[j]![j]! += l2;
      }
      hess[j]![j]! += 1e-9;
    }
    const step = solve(hess, grad);
    w = w.map((v, j) => v - step[j]!);
    if (Math.max(...step.map(Math.abs)) < 1e-6) break;
  }
  // Negatives kept with probability q make the odds 1/q too high: move the bias back.
  if (!balanced && options.negativeShare !== undefined) w[0] = w[0]! + Math.log(options.negativeShare);
  return { features, mean, std, weights: w };
}
