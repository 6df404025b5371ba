/**
 * The window of a virtualised list of fixed-height rows: which rows are in view (plus a few on
 * either side) for a scroll position and viewport height, and where to draw them. Past `maxPx`
 * the scroll range is scaled, so that any number of rows fits in what a browser can scroll.
 *
 * A component binds its scrollable viewport's `scrollTop` and `clientHeight` to `scrollTop` and
 * `viewportH`, sizes an inner spacer to `spacerPx`, and draws rows `start` to `end` in a block
 * translated by `offset` (VirtualRows.svelte, patterns/PatternList.svelte).
 */
export interface VirtualWindowOptions {
  /** Rows in the list now. */
  count: () => number;
  rowHeight: number;
  /** Rows drawn beyond each edge of the view, so that a short scroll shows no gap. */
  overscan: number;
  /** The highest spacer, in pixels (default: no limit). */
  maxPx?: number;
  /** The viewport height before it is measured. */
  initialHeight: number;
}

export class VirtualWindow {
  scrollTop = $state(0);
  viewportH = $state(0);
  // Getters over the state above (and the row count): cheap sums, read where they are drawn.
  private readonly o: VirtualWindowOptions;

  constructor(options: VirtualWindowOptions) {
    this.o = options;
    this.viewportH = options.initialHeight;
  }

  get scaled(): boolean {
    return this.o.count() * this.o.rowHeight > (this.o.maxPx ?? Infinity);
  }

  /** The spacer's height: every row's, or `maxPx` when scaled. */
  get spacerPx(): number {
    return this.scaled ? this.o.maxPx! : this.o.count() * this.o.rowHeight;
  }

  /** Rows that fit in the viewport (one more for a row cut at the edge). */
  get inView(): number {
    return Math.ceil(this.viewportH / this.o.rowHeight) + 1;
  }

  /** The first row in view. */
  get first(): number {
    const count = this.o.count();
    if (!this.scaled) return Math.min(Math.floor(this.scrollTop / this.o.rowHeight), Math.max(0, count - 1));
    const range = this.spacerPx - this.viewportH;
    const ratio = range > 0 ? Math.min(1, Math.max(0, this.scrollTop / range)) : 0;
    return Math.round(ratio * Math.max(0, count - this.inView + 1));
  }

  /** The rows to draw: `start` up to (not including) `end`. */
  get start(): number {
    return Math.max(0, this.first - this.o.overscan);
  }

  get end(): number {
    return Math.min(this.o.count(), this.first + this.inView + this.o.overscan);
  }

  /** Where the first drawn row goes, from the spacer's top. */
  get offset(): number {
    return this.scaled ? this.scrollTop - (this.first - this.start) * this.o.rowHeight : this.start * this.o.rowHeight;
  }

  /** Back to the top of the list (a new view). */
  toTop(viewport: HTMLElement | undefined): void {
    this.scrollTop = 0;
    if (viewport) viewport.scrollTop = 0;
  }
}
