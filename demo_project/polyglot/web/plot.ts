// Plots vectors in the browser: the TypeScript part of the polyglot sample.
import { formatVec } from "./format";

/** A plot of 3-vectors. */
export class Plot {
  private points: number[][] = [];

  /** Adds one point and returns its label. */
  add(x: number, y: number, z: number): string {
    this.points.push([x, y, z]);
    return formatVec(x, y, z);
  }
}
