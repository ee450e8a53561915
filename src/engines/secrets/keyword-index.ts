/**
 * @module Aho–Corasick over every rule keyword: one pass over a (lower-cased) text finds all
 * keyword occurrences, whatever the number of rules. This is the prefilter that decides which
 * rules run, and on which lines.
 */

export class KeywordIndex {
  private readonly next: Map<number, number>[] = [new Map<number, number>()];
  private readonly fail: number[] = [0];
  private readonly out: number[][] = [[]];
  /**
   * The automaton as a dense DFA over ASCII (fail links folded in): one array read per
   * character. Keywords are ASCII, so any other character returns to the root.
   */
  private delta = new Int32Array(0);

  constructor(readonly keywords: readonly string[]) {
    keywords.forEach((keyword, id) => {
      let state = 0;
      for (let i = 0; i < keyword.length; i++) {
        const c = keyword.charCodeAt(i);
        let to = this.next[state]!.get(c);
        if (to === undefined) {
          to = this.next.length;
          this.next.push(new Map<number, number>());
          this.fail.push(0);
          this.out.push([]);
          this.next[state]!.set(c, to);
        }
        state = to;
      }
      this.out[state]!.push(id);
    });
    this.buildFailLinks();
    this.buildDelta();
  }

  private buildDelta(): void {
    const states = this.next.length;
    const delta = new Int32Array(states * 128);
    // Breadth-first order guarantees a state's fail target row is complete before it is read.
    const order = [0];
    for (let head = 0; head < order.length; head++)
      for (const to of this.next[order[head]!]!.values()) order.push(to);
    for (const state of order) {
      for (let c = 0; c < 128; c++) {
        const to = this.next[state]!.get(c);
        delta[state * 128 + c] =
          to !== undefined ? to : state === 0 ? 0 : delta[this.fail[state]! * 128 + c]!;
      }
    }
    this.delta = delta;
  }

  private buildFailLinks(): void {
    const queue: number[] = [...this.next[0]!.values()];
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head]!;
      for (const [c, to] of this.next[state]!) {
        let f = this.fail[state]!;
        while (f !== 0 && !this.next[f]!.has(c)) f = this.fail[f]!;
        const target = this.next[f]!.get(c);
        this.fail[to] = target !== undefined && target !== to ? target : 0;
        this.out[to]!.push(...this.out[this.fail[to]]!);
        queue.push(to);
      }
    }
  }

  /** Calls `onHit(keywordId, startOffset)` for every occurrence in `text`. */
  scan(text: string, onHit: (keywordId: number, start: number) => void): void {
    const { delta, out, keywords } = this;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      state = c < 128 ? delta[state * 128 + c]! : 0;
      if (state === 0) continue;
      const ids = out[state]!;
      for (let k = 0; k < ids.length; k++) onHit(ids[k]!, i - keywords[ids[k]!]!.length + 1);
    }
  }
}
