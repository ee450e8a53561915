/** @module Vitest global setup: nothing yet; database templates are added by the server harness. */
export default function setup(): void {}
