// The web viewer.
import { format } from "./format";

/** The application. */
export class App {
  render(n: number): string {
    return format(n);
  }
}
