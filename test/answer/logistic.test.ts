import { describe, expect, it } from "vitest";
import { fitLogistic, logit, sigmoid } from "../../src/answer/logistic.js";
import { seededRandom } from "../../src/eval/sample.js";

describe("fitLogistic", () => {
  // y depends on x1 (positively) and not on x2: the fit must find that, and calibrate without balancing.
  const random = seededRandom(3);
  const rows: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < 4000; i++) {
    const x1 = random() * 4 - 2;
    const x2 = random() * 4 - 2;
    rows.push([1, x1, x2]);
    labels.push(random() < sigmoid(2 * x1 - 1) ? 1 : 0);
  }

  it("recovers the direction and size of each feature's effect", () => {
    const m = fitLogistic(["bias", "x1", "x2"], rows, labels, { balanced: false });
    // Standardized weights: undo the scaling to compare with the generating model.
    expect(m.weights[1]! / m.std[1]!).toBeGreaterThan(1.6);
    expect(m.weights[1]! / m.std[1]!).toBeLessThan(2.4);
    expect(Math.abs(m.weights[2]! / m.std[2]!)).toBeLessThan(0.2);
    expect(sigmoid(logit(m, [1, 0.5, 0]))).toBeCloseTo(0.5, 1);
  });

  it("corrects the bias for negatives kept at a given share", () => {
    const kept = rows.filter((_, i) => labels[i] === 1 || i % 4 === 0);
    const keptLabels = labels.filter((y, i) => y === 1 || i % 4 === 0);
    const m = fitLogistic(["bias", "x1", "x2"], kept, keptLabels, { balanced: false, negativeShare: 0.25 });
    expect(sigmoid(logit(m, [1, 0.5, 0]))).toBeCloseTo(0.5, 1);
  });
});
