/**
 * @module The public "get in touch" page (/start): no sign-in. A hidden honeypot field catches
 * bots; the answer is the same for everyone.
 */
import { useState, type FormEvent } from 'react';
import { stageLabels, stages } from '../../../shared/domain.ts';
import { INTAKE_LIMITS } from '../../../shared/intake.ts';
import { api } from '../../api.ts';
import { ErrorBanner, Field, text, TextArea } from '../../components/form.tsx';
import { useAction } from '../../components/use-action.ts';

export function StartPage() {
  const { error, busy, run } = useAction();
  const [done, setDone] = useState<string>();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const optional = (name: string) => text(form, name).trim() || undefined;
    await run(async () => {
      const answer = await api<{ message: string }>('POST', '/api/v1/intake', {
        name: text(form, 'name'),
        email: text(form, 'email'),
        company: text(form, 'company'),
        stage: text(form, 'stage'),
        stack: text(form, 'stack'),
        blocker: text(form, 'blocker'),
        budget: optional('budget'),
        timeline: optional('timeline'),
        website: optional('website'),
      });
      setDone(answer.message);
    });
  };

  return (
    <main id="main" className="narrow">
      <h1>Get in touch</h1>
      {done ? (
        <p role="status" className="notice">
          {done}
        </p>
      ) : (
        <>
          <p>
            Tell us where your product stands and what is in the way. A fractional CTO reads every
            message and answers within two working days.
          </p>
          <form onSubmit={(e) => void submit(e)} noValidate className="card">
            <ErrorBanner error={error} />
            <Field
              label="Your name"
              name="name"
              required
              maxLength={INTAKE_LIMITS.name}
              autoComplete="name"
              error={error?.fieldMessage('name')}
            />
            <Field
              label="Email"
              name="email"
              type="email"
              required
              maxLength={INTAKE_LIMITS.email}
              autoComplete="email"
              error={error?.fieldMessage('email')}
            />
            <Field
              label="Company"
              name="company"
              required
              maxLength={INTAKE_LIMITS.company}
              autoComplete="organization"
              error={error?.fieldMessage('company')}
            />
            <div className="field">
              <label htmlFor="start-stage">Stage</label>
              <select id="start-stage" name="stage" defaultValue="pre-seed">
                {stages.map((s) => (
                  <option key={s} value={s}>
                    {stageLabels[s]}
                  </option>
                ))}
              </select>
            </div>
            <Field
              label="Stack (what you build with)"
              name="stack"
              maxLength={INTAKE_LIMITS.stack}
              hint="For example: TypeScript, PostgreSQL, Bubble"
              error={error?.fieldMessage('stack')}
            />
            <TextArea
              label="What is blocking you right now"
              name="blocker"
              required
              rows={5}
              maxLength={INTAKE_LIMITS.blocker}
              error={error?.fieldMessage('blocker')}
            />
            <Field
              label="Budget (optional)"
              name="budget"
              maxLength={INTAKE_LIMITS.budget}
              error={error?.fieldMessage('budget')}
            />
            <Field
              label="Timeline (optional)"
              name="timeline"
              maxLength={INTAKE_LIMITS.timeline}
              error={error?.fieldMessage('timeline')}
            />
            {/* The honeypot: people never see it; bots fill it. */}
            <div className="honeypot" aria-hidden="true">
              <label htmlFor="start-website">Website</label>
              <input id="start-website" name="website" tabIndex={-1} autoComplete="off" />
            </div>
            <button type="submit" disabled={busy}>
              Send
            </button>
          </form>
        </>
      )}
    </main>
  );
}
