import { describe, expect, it } from 'vitest';
import { checkContext } from '../testing/check-context.ts';
import { dangerousWorkflow } from './dangerous-workflow.ts';

async function findingsOf(workflow: string) {
  const outcome = await dangerousWorkflow.run(
    checkContext({ '.github/workflows/ci.yml': workflow }),
  );
  return { score: outcome.score, lines: outcome.findings.map((finding) => finding.line) };
}

describe('dangerous-workflow check', () => {
  it('finds a pull_request_target checkout of the merge ref, by number or merge commit', async () => {
    const workflow = [
      'on: [pull_request_target]',
      'jobs:',
      '    test:',
      '        runs-on: ubuntu-latest',
      '        steps:',
      '            - uses: actions/checkout@v4',
      '              with:',
      '                  ref: refs/pull/${{ github.event.number }}/merge',
      '            - uses: actions/checkout@v4',
      '              with: { ref: "${{ github.event.pull_request.merge_commit_sha }}" }',
      '            - uses: actions/checkout@v4',
      '              with:',
      '                  ref: ${{ github.event.pull_request.number }}',
      '            - run: echo "PR ${{ github.event.number }}"',
    ].join('\n');

    expect(await findingsOf(workflow)).toEqual({ score: 0, lines: [8, 10, 13] });
  });

  it('finds untrusted event fields in github-script and script: inputs, as in run:', async () => {
    const workflow = [
      'on:',
      '  pull_request:',
      'jobs:',
      '  greet:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/github-script@v7',
      '        with:',
      '          script: console.log("${{ github.event.pull_request.title }}")',
      '      - uses: actions/github-script@v7',
      '        with:',
      '          script: |',
      '            const n = ${{ github.event.pull_request.number }};',
      '            github.log("${{ github.event.issue.body }}");',
      '          github-token: ${{ github.event.comment.body }}',
      '      - uses: some/runner@v1',
      '        with:',
      '          script: echo ${{ github.head_ref }}',
      '          title: ${{ github.event.pull_request.title }}',
    ].join('\n');

    expect(await findingsOf(workflow)).toEqual({ score: 0, lines: [9, 14, 15, 18] });
  });

  it('passes a privileged workflow that checks out only the base', async () => {
    const workflow = [
      'on:',
      '  pull_request_target:',
      'permissions: { contents: read }',
      'jobs:',
      '  label:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '      - run: echo "${{ github.event.pull_request.number }}"',
      '        env:',
      '          TITLE: ${{ github.event.pull_request.title }}',
    ].join('\n');

    expect(await findingsOf(workflow)).toEqual({ score: 10, lines: [] });
  });

  it('still reads the run: lines of a workflow that is not valid YAML', async () => {
    const workflow = [
      'on: push',
      'jobs:',
      '  a:',
      '    steps:',
      '      - run: echo "${{ github.event.head_commit.message }}"',
      '    steps: [',
    ].join('\n');

    expect(await findingsOf(workflow)).toEqual({ score: 0, lines: [5] });
  });
});
