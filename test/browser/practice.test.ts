/**
 * The practice in a real browser: a visitor writes through /start (with script and HTML
 * payloads), the owner sees them as plain text on every page that shows them — the portfolio
 * home (the waiting lead, then the client), the Leads page, the client page, the proposal and
 * its Markdown export — with no dialog firing; converts the lead, scopes two user paths, adds
 * milestones, logs time (an invited member sees who logged each entry and can delete only their
 * own), proposes a sprint, and sees it all on the client page;
 * then edits a milestone to link a KPI, edits a decision's MADR fields and supersede link, and
 * downloads the decisions as a zip, then deletes one (asked first).
 */
import { readFile } from 'node:fs/promises';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  createOwner,
  launchBrowser,
  startKeelProcess,
  type RunningKeel,
} from './browser-harness.ts';

const day = (offset: number) =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** Records every dialog (alert, confirm, prompt) a page opens; an XSS would open one. */
function watchDialogs(page: Page): string[] {
  const seen: string[] = [];
  page.on('dialog', (dialog) => {
    seen.push(dialog.message());
    void dialog.dismiss();
  });
  return seen;
}

/** Fails if an intake payload became markup on the page (a dialog is the other sign of XSS). */
async function expectNoInjectedMarkup(page: Page): Promise<void> {
  await expect(page.locator('img[src="x"], svg[onload], main script').count()).resolves.toBe(0);
}

describe('intake to client page in a browser', () => {
  let keel: RunningKeel;
  let browser: Browser;

  beforeAll(async () => {
    keel = await startKeelProcess();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await keel?.stop();
  });

  it('takes a lead from /start to a scoped client with milestones and time', async () => {
    const owner = await browser.newPage();
    const ownerDialogs = watchDialogs(owner);
    await createOwner(owner, keel.url);

    // A visitor, not signed in.
    const visitorContext = await browser.newContext();
    const visitor = await visitorContext.newPage();
    const visitorDialogs = watchDialogs(visitor);
    await visitor.goto(`${keel.url}/start`);
    await visitor.getByRole('heading', { name: 'Get in touch' }).waitFor();
    const company = 'Acme "><svg onload=alert(1)>';
    await visitor.getByLabel('Your name').fill('<script>alert(1)</script>');
    await visitor.getByLabel('Email').fill('ada@acme.example');
    await visitor.getByLabel('Company').fill(company);
    await visitor.getByLabel('Stage').selectOption('seed');
    await visitor.getByLabel('Stack (what you build with)').fill('TypeScript, PostgreSQL');
    await visitor
      .getByLabel('What is blocking you right now')
      .fill('<img src=x onerror=alert(1)> Our releases break every week');
    await visitor.getByLabel('Budget (optional)').fill('EUR 3k');
    await visitor.getByRole('button', { name: 'Send' }).click();
    await visitor.getByRole('status').filter({ hasText: 'Thank you' }).waitFor();
    await visitorContext.close();

    // The portfolio home lists the waiting lead, even before the first client: as text.
    await owner.reload();
    await owner
      .getByRole('link', {
        name: `New lead: ${company} (<script>alert(1)</script>) is waiting for an answer.`,
      })
      .waitFor();
    // A lead's date is when it arrived, not a due date.
    const leadItem = owner.getByRole('listitem').filter({ hasText: `New lead: ${company}` });
    await leadItem.getByText(/\(received \d{4}-\d{2}-\d{2}\)/).waitFor();
    await expect(leadItem.getByText('(due', { exact: false }).count()).resolves.toBe(0);
    await expectNoInjectedMarkup(owner);

    await owner.getByRole('link', { name: 'Leads' }).click();
    await owner.getByRole('heading', { name: 'Leads' }).waitFor();
    const lead = owner.getByRole('listitem', { name: `Lead from ${company}` });
    await lead.waitFor();
    await lead.getByText('<script>alert(1)</script>').waitFor();
    await lead.getByText('<img src=x onerror=alert(1)> Our releases break every week').waitFor();
    await expectNoInjectedMarkup(owner);
    await lead.getByRole('button', { name: 'Convert to client' }).click();

    await owner.getByRole('heading', { name: company, exact: true }).waitFor();
    await owner.getByText('Our releases break every week').waitFor();
    await expectNoInjectedMarkup(owner);
    const clientUrl = owner.url();

    // The portfolio again, now with the client: its name and blocker as text, the lead gone.
    await owner.goto(`${keel.url}/`);
    const card = owner.getByRole('list', { name: 'Clients' }).getByRole('listitem');
    await card.getByRole('link', { name: company, exact: true }).waitFor();
    await card.getByText('<img src=x onerror=alert(1)> Our releases break every week').waitFor();
    await expect(owner.getByText(`New lead: ${company}`, { exact: false }).count()).resolves.toBe(
      0,
    );
    await expectNoInjectedMarkup(owner);
    await owner.goto(clientUrl);
    const area = owner.getByRole('region', { name: /Architecture & roadmap/ });
    await area.getByText('0 user paths').waitFor();

    await area.getByRole('link', { name: 'Scoping' }).click();
    await owner.getByRole('heading', { name: 'Scoping' }).waitFor();
    for (const [who, goal, priority] of [
      ['A shop owner', 'list a product', 'must'],
      ['A buyer', 'pay by card', 'should'],
    ] as const) {
      const form = owner.getByRole('form', { name: 'Add a user path' });
      await form.getByLabel('Who', { exact: true }).fill(who);
      await form.getByLabel('Goal', { exact: true }).fill(goal);
      await form.getByLabel('Steps (one per line)').fill('Open the app\nDo the thing');
      await form.getByLabel('Priority').selectOption(priority);
      await form.getByRole('button', { name: 'Add user path' }).click();
      await owner.getByRole('list', { name: 'User paths' }).getByText(goal).waitFor();
    }
    // A path is edited in place.
    await owner.getByRole('button', { name: 'Edit path “pay by card”' }).click();
    const editPath = owner.getByRole('form', { name: 'Edit path pay by card' });
    await editPath.getByLabel('Priority').selectOption('could');
    await editPath.getByRole('button', { name: 'Save path' }).click();
    await owner
      .getByRole('list', { name: 'User paths' })
      .getByRole('listitem')
      .filter({ hasText: 'pay by card' })
      .getByText('Could have')
      .waitFor();

    await owner.getByRole('link', { name: 'Milestones' }).click();
    await owner.getByRole('heading', { name: 'Milestones', exact: true }).waitFor();
    const addMilestone = async (title: string, due: string, criteria: string, path: string) => {
      const form = owner.getByRole('form', { name: 'Add a milestone' });
      await form.getByLabel('Title', { exact: true }).fill(title);
      await form.getByLabel('Due date').fill(due);
      await form.getByLabel('Acceptance criteria (one per line)').fill(criteria);
      await form.getByLabel(path).check();
      await form.getByRole('button', { name: 'Add milestone' }).click();
      await owner.getByRole('listitem', { name: `Milestone ${title}` }).waitFor();
    };
    await addMilestone(
      'Product listing',
      day(3),
      'A shop owner lists a product',
      'A shop owner: list a product',
    );
    await addMilestone('Card payments', day(20), 'A buyer pays by card', 'A buyer: pay by card');
    const listing = owner.getByRole('listitem', { name: 'Milestone Product listing' });
    await listing.getByRole('button', { name: 'Mark “Product listing” done' }).click();
    await owner.getByRole('alert').filter({ hasText: 'is not met yet' }).waitFor();
    // The box turns checked once the server has saved the tick.
    await listing.getByLabel('A shop owner lists a product').click();
    await listing
      .getByRole('checkbox', { name: 'A shop owner lists a product', checked: true })
      .waitFor();
    await listing.getByRole('button', { name: 'Mark “Product listing” done' }).click();
    await listing.getByText('on time').waitFor();
    await owner.getByText('100 % delivered on time (1 of 1 done).').waitFor();

    await owner.getByRole('link', { name: 'Time', exact: true }).click();
    await owner.getByRole('heading', { name: 'Time', exact: true }).waitFor();
    const logForm = owner.getByRole('form', { name: 'Log time' });
    await logForm.getByLabel('Hours', { exact: true }).fill('-1');
    await logForm.getByLabel('Note').fill('Scoping workshop');
    await logForm.getByRole('button', { name: 'Log time' }).click();
    await logForm.getByText('must be more than 0 hours').first().waitFor();
    await logForm.getByLabel('Hours', { exact: true }).fill('2.5');
    await logForm.getByRole('button', { name: 'Log time' }).click();
    await owner
      .getByRole('table', { name: 'Time entries' })
      .getByText('Scoping workshop')
      .waitFor();
    await owner.getByText('2.5 hours in total, 2.5 billable.').waitFor();

    // A member on the same client sees who logged what, and may delete only their own entries.
    await owner.getByRole('link', { name: 'People' }).click();
    await owner.getByLabel('Email').fill('mo@cto.example');
    await owner.getByLabel(company, { exact: true }).check();
    await owner.getByRole('button', { name: 'Create invite link' }).click();
    const memberInvite = await owner.getByLabel('Invite link').inputValue();
    const memberContext = await browser.newContext();
    const member = await memberContext.newPage();
    await member.goto(memberInvite);
    await member.getByLabel('Your name').fill('Mo Member');
    await member.getByLabel('Choose a password').fill('member password 1');
    await member.getByRole('button', { name: 'Create my account' }).click();
    await member.getByRole('heading', { name: 'Portfolio' }).waitFor();
    await member.goto(`${clientUrl}/time`);
    const memberEntries = member.getByRole('table', { name: 'Time entries' });
    const ownersRow = memberEntries.getByRole('row').filter({ hasText: 'Scoping workshop' });
    await ownersRow.getByText('Olivia Owner').waitFor();
    const memberLog = member.getByRole('form', { name: 'Log time' });
    await memberLog.getByLabel('Hours', { exact: true }).fill('1');
    await memberLog.getByLabel('Note').fill('Code review');
    await memberLog.getByRole('button', { name: 'Log time' }).click();
    const ownRow = memberEntries.getByRole('row').filter({ hasText: 'Code review' });
    await ownRow.getByText('Mo Member').waitFor();
    await expect(ownersRow.getByRole('button', { name: /Delete/ }).count()).resolves.toBe(0);
    await ownRow.getByRole('button', { name: /Delete entry of .* by Mo Member/ }).click();
    await member.getByText('2.5 hours in total, 2.5 billable.').waitFor();
    await memberContext.close();

    // A four-week MVP sprint (Monday to Friday) and its proposal, which names the client: the
    // printable page and the Markdown export keep the company's payload as text.
    await owner.goto(`${clientUrl}/engagements`);
    const propose = owner.getByRole('form', { name: 'Propose an engagement' });
    await propose.getByLabel('Title').fill('MVP sprint');
    await propose.getByLabel('Start date').fill('2026-01-05');
    await propose.getByLabel('End date').fill('2026-01-30');
    await propose.getByLabel('Lowest price').fill('2000');
    await propose.getByLabel('Highest price').fill('4000');
    await propose.getByRole('button', { name: 'Propose engagement' }).click();
    await owner.getByRole('link', { name: 'Proposal for MVP sprint' }).click();
    await owner.getByRole('heading', { name: 'Proposal: MVP sprint' }).waitFor();
    const proposal = owner.locator('article.proposal');
    await proposal.getByText(company, { exact: true }).waitFor();
    await proposal.getByText('A shop owner can list a product (Must have)').waitFor();
    await expectNoInjectedMarkup(owner);
    const [proposalFile] = await Promise.all([
      owner.waitForEvent('download'),
      owner.getByRole('link', { name: 'Download as Markdown' }).click(),
    ]);
    const markdown = await readFile(await proposalFile.path(), 'utf8');
    expect(markdown).toContain('For **Acme "&gt;&lt;svg onload=alert(1)&gt;**.');
    expect(markdown).not.toMatch(/<svg|<script|<img/);
    // Opened in the browser itself, the export is text, never a page that runs.
    const proposalPage = owner.url();
    const exportUrl = await owner
      .getByRole('link', { name: 'Download as Markdown' })
      .getAttribute('href');
    await owner.goto(`${keel.url}${exportUrl}`);
    await owner.getByText('# Proposal: MVP sprint', { exact: false }).waitFor();
    await expect(owner.locator('svg, img, script').count()).resolves.toBe(0);
    await owner.goto(proposalPage);
    await owner.getByRole('heading', { name: 'Proposal: MVP sprint' }).waitFor();

    await owner.goto(clientUrl);
    const roadmap = owner.getByRole('region', { name: /Architecture & roadmap/ });
    await roadmap.getByText('2 user paths (1 must have)').waitFor();
    await roadmap.getByText('A shop owner: list a product').waitFor();
    const milestones = roadmap.getByRole('list', { name: 'Roadmap milestones' });
    await milestones
      .getByRole('listitem')
      .filter({ hasText: /Product listing.* on time/ })
      .waitFor();
    await milestones
      .getByRole('listitem')
      .filter({ hasText: /Card payments.* on track/ })
      .waitFor();
    await roadmap.getByText('100 % delivered on time').waitFor();
    await roadmap.getByRole('link', { name: 'Time log' }).waitFor();

    // A KPI with this week's reading, recorded in the UI.
    await owner.getByRole('link', { name: 'KPIs and features' }).click();
    const kpiForm = owner.locator('form').filter({ hasText: 'New KPI' });
    await kpiForm.getByLabel('Name').fill('Weekly active shops');
    await kpiForm.getByLabel('Unit').fill('shops');
    await kpiForm.getByLabel('Target').fill('50');
    await kpiForm.getByRole('button', { name: 'Add KPI' }).click();
    await owner.getByRole('link', { name: 'Weekly active shops' }).click();
    await owner.getByRole('heading', { name: 'Weekly active shops' }).waitFor();
    await owner.getByLabel('Value').fill('42');
    await owner.getByRole('button', { name: 'Save reading' }).click();
    await owner.locator('table.readings').getByText('42').first().waitFor();

    // A question for the founder, asked from the client page.
    await owner.goto(clientUrl);
    await owner.getByText('Ask the founder to decide something').click();
    const askForm = owner.getByRole('form', { name: 'Ask the founder' });
    await askForm.getByLabel('Question').fill('Open the shop in Spain this spring?');
    await askForm.getByLabel('Options (one per line)').fill('Yes\nNot yet');
    await askForm.getByLabel('Your recommendation').fill('Not yet');
    const due = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
    await askForm.getByLabel('Answer needed by').fill(due);
    await askForm.getByRole('button', { name: 'Ask' }).click();
    await owner.getByRole('link', { name: 'Open the shop in Spain this spring?' }).waitFor();

    // The weekly founder report picks up this week's milestone, the KPI, the question and the hours.
    await owner.goto(clientUrl);
    await owner.getByRole('link', { name: 'Weekly report' }).click();
    await owner
      .getByText(
        'We shipped Product listing. It passed its one check: A shop owner lists a product.',
      )
      .waitFor();
    await owner.getByText('We worked 2.5 hours for you this week.').waitFor();
    await owner
      .getByRole('region', { name: 'Decisions we need from you' })
      .getByText('Open the shop in Spain this spring? We suggest: Not yet.', { exact: false })
      .waitFor();
    await owner
      .getByRole('region', { name: 'Your numbers' })
      .getByText('Weekly active shops is 42 shops. Below target (50 shops).', { exact: false })
      .waitFor();
    // Its evidence link opens the milestones page on that milestone, scrolled to and marked.
    await owner
      .getByRole('listitem')
      .filter({ hasText: 'We shipped Product listing.' })
      .getByRole('link', { name: 'Milestone' })
      .click();
    const shipped = owner.locator('li.is-linked[aria-label="Milestone Product listing"]');
    await shipped.waitFor();
    const inView = await shipped.evaluate((element) => {
      const box = element.getBoundingClientRect();
      return box.top < window.innerHeight && box.bottom > 0;
    });
    expect(inView).toBe(true);
    // A malformed link still opens the page.
    await owner.goto(`${new URL(owner.url()).origin}${new URL(owner.url()).pathname}#%E0%A4%A`);
    await owner.getByRole('listitem', { name: 'Milestone Product listing' }).waitFor();

    // Edit a milestone: move its date and link it to the KPI it should move. The plan stays, so
    // the page shows the slip; only a deliberate re-baseline makes the new date the plan.
    await owner.goto(`${clientUrl}/milestones`);
    const payments = owner.getByRole('listitem', { name: 'Milestone Card payments' });
    await payments.getByRole('button', { name: 'Edit “Card payments”' }).click();
    const editMilestone = owner.getByRole('form', { name: 'Edit milestone Card payments' });
    await editMilestone.getByLabel('Due date').fill(day(27));
    await editMilestone.getByLabel('Weekly active shops').check();
    await editMilestone.getByRole('button', { name: 'Save milestone' }).click();
    await payments.getByText(`Planned ${day(20)}, now due ${day(27)} (7 days later)`).waitFor();
    await payments.getByText('moved 7 days later').waitFor();
    await owner.getByText('1 moved from its planned date.').waitFor();
    await payments.getByRole('link', { name: 'Weekly active shops' }).waitFor();
    await owner.goto(clientUrl);
    await owner
      .getByRole('list', { name: 'Roadmap milestones' })
      .getByRole('listitem')
      .filter({ hasText: new RegExp(`Card payments.*due ${day(27)} \\(planned ${day(20)}\\)`) })
      .waitFor();
    await owner.goto(`${clientUrl}/milestones`);
    await payments.getByRole('button', { name: 'Edit “Card payments”' }).click();
    await editMilestone
      .getByLabel('Re-baseline: make the new date the plan', { exact: false })
      .check();
    await editMilestone.getByRole('button', { name: 'Save milestone' }).click();
    await payments.getByText(`Due ${day(27)}`).waitFor();
    await payments.getByText('re-baselined on', { exact: false }).waitFor();
    await payments.getByText('on track').waitFor();

    // Decisions: record two, fill one's MADR fields (a field error shows beside its field),
    // then supersede it and see the link from both sides.
    await owner.goto(`${clientUrl}/decisions`);
    for (const title of ['Use PostgreSQL', 'Use MySQL']) {
      await owner.getByLabel('Title').fill(title);
      await owner.getByRole('button', { name: 'Create' }).click();
      await owner.getByRole('link', { name: title }).waitFor();
    }
    await owner.getByRole('link', { name: 'Use MySQL' }).click();
    await owner.getByRole('button', { name: 'Edit decision' }).click();
    const decisionForm = owner.getByRole('form', { name: 'Edit decision' });
    await decisionForm.getByLabel('Status').selectOption('accepted');
    await decisionForm.getByLabel('Date').fill('2026-03-02');
    await decisionForm.getByLabel('Decision-makers (comma separated)').fill('Olivia, Ada');
    await decisionForm
      .getByLabel('In plain words (for the founder)')
      .fill('We keep MySQL for now.');
    await decisionForm.getByLabel('Context and problem statement').fill('We need one database.');
    await decisionForm.getByLabel('Decision drivers (one a line)').fill('Cost\nSkills');
    await decisionForm.getByRole('button', { name: 'Add an option' }).click();
    await decisionForm.getByRole('button', { name: 'Add an option' }).click();
    const first = decisionForm.getByRole('group', { name: 'Option 1' });
    await first.getByLabel('Option title').fill('MySQL');
    await first.getByLabel('Good, because (one a line)').fill('the team knows it');
    await decisionForm.getByRole('button', { name: 'Save decision' }).click();
    await decisionForm.getByRole('group', { name: 'Option 2' }).getByText('is required').waitFor();
    await decisionForm.getByRole('button', { name: 'Remove option 2' }).click();
    await decisionForm.getByLabel('Chosen option').selectOption('MySQL');
    await decisionForm.getByLabel('Outcome: why this option').fill('It is what we run today.');
    await decisionForm.getByLabel('Confirmation').fill('A review in six months.');
    await decisionForm.getByRole('button', { name: 'Save decision' }).click();
    await owner.getByText('Chosen option: “MySQL”').waitFor();
    await owner.getByText('Good, because the team knows it').waitFor();
    await owner.getByText('We keep MySQL for now.').waitFor();
    await owner.getByText('Olivia, Ada').waitFor();

    await owner.getByRole('button', { name: 'Edit decision' }).click();
    await decisionForm.getByLabel('Status').selectOption('superseded');
    await decisionForm
      .getByLabel('Superseded by')
      .selectOption({ label: 'ADR-0001 Use PostgreSQL' });
    await decisionForm.getByRole('button', { name: 'Save decision' }).click();
    await owner.getByRole('link', { name: 'ADR-0001 Use PostgreSQL' }).first().click();
    await owner.getByRole('heading', { name: 'ADR-0001: Use PostgreSQL' }).waitFor();
    await owner
      .getByRole('link', { name: /ADR-0002 Use MySQL/ })
      .first()
      .waitFor();

    // The zip of MADR files unpacks to one file per decision.
    await owner.goto(`${clientUrl}/decisions`);
    const [download] = await Promise.all([
      owner.waitForEvent('download'),
      owner.getByRole('link', { name: 'Download all as a zip of MADR files' }).click(),
    ]);
    const zip = unzipSync(new Uint8Array(await readFile(await download.path())));
    expect(Object.keys(zip)).toEqual(['0001-use-postgresql.md', '0002-use-mysql.md']);
    expect(strFromU8(zip['0002-use-mysql.md']!)).toContain('Chosen option: "MySQL"');

    expect(ownerDialogs).toEqual([]);
    expect(visitorDialogs).toEqual([]);

    // Delete a decision: the page asks first (the watcher above dismisses: nothing happens),
    // then, confirmed, the decision is gone from the list.
    await owner.getByRole('link', { name: 'Use MySQL' }).click();
    await owner.getByRole('button', { name: 'Delete decision' }).click();
    await owner.getByRole('heading', { name: 'ADR-0002: Use MySQL' }).waitFor();
    expect(ownerDialogs).toEqual(['Delete ADR-0002: Use MySQL? This cannot be undone.']);
    owner.removeAllListeners('dialog');
    owner.once('dialog', (dialog) => void dialog.accept());
    await owner.getByRole('button', { name: 'Delete decision' }).click();
    await owner.waitForURL((url) => url.pathname.endsWith('/decisions'));
    // The URL changes before the list replaces the detail page, whose supersede links also
    // name ADR-0001: wait for the list's own heading first.
    await owner.getByRole('heading', { level: 1, name: 'Decisions', exact: true }).waitFor();
    await owner.getByRole('link', { name: 'Use PostgreSQL' }).waitFor();
    expect(await owner.getByRole('link', { name: 'Use MySQL' }).count()).toBe(0);
  });
});
