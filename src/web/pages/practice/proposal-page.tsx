/** @module The printable proposal for an engagement (print CSS hides the app around it). */
import { useParams } from 'react-router';
import { engagementKindLabels, formatMoney, type Proposal } from '../../../shared/engagements.ts';
import { priorityLabels } from '../../../shared/roadmap.ts';
import { api } from '../../api.ts';
import { ErrorBanner } from '../../components/form.tsx';
import { useLoad } from '../../use-load.ts';
import { ClientHead } from './client-head.tsx';

export function ProposalPage() {
  const { clientId = '', engagementId = '' } = useParams();
  const path = `/api/v1/clients/${clientId}/engagements/${engagementId}/proposal`;
  const { data: p, error } = useLoad(() => api<Proposal>('GET', path), [path]);
  if (error) return <ErrorBanner error={error} />;
  if (!p) return <p>Loading…</p>;
  const e = p.engagement;
  const money = ([low, high]: [number, number]) =>
    low === high
      ? formatMoney(e.currency, low)
      : `${formatMoney(e.currency, low)}–${high.toLocaleString('en-US')}`;

  return (
    <>
      <ClientHead clientId={clientId} title="Proposal" />
      <div className="actions no-print">
        <button type="button" onClick={() => window.print()}>
          Print
        </button>
        <a href={`${path}.md`} download>
          Download as Markdown
        </a>
      </div>
      <article className="proposal card">
        <h1>Proposal: {e.title}</h1>
        <p>
          For <strong>{p.clientName}</strong>. {engagementKindLabels[e.kind]}, from {e.startDate}
          {e.endDate && <> to {e.endDate}</>}.
        </p>
        {p.summary && <p className="pre">{p.summary}</p>}
        <h2>Goals</h2>
        {p.goals.length === 0 ? (
          <p>No goals agreed yet.</p>
        ) : (
          <ul>
            {p.goals.map((g) => (
              <li key={g.id}>
                {g.who} can {g.goal} ({priorityLabels[g.priority]})
              </li>
            ))}
          </ul>
        )}
        <h2>User paths</h2>
        {p.userPaths.map((u) => (
          <section key={u.id}>
            <h3>
              {u.who}: {u.goal}
            </h3>
            <p>Priority: {priorityLabels[u.priority]}</p>
            {u.steps.length > 0 && (
              <ol>
                {u.steps.map((s, i) => (
                  <li key={i}>{s}</li>
                ))}
              </ol>
            )}
          </section>
        ))}
        {p.constraints.length > 0 && (
          <>
            <h2>Constraints</h2>
            <ul>
              {p.constraints.map((c, i) => (
                <li key={i}>
                  {c.kind}: {c.text}
                </li>
              ))}
            </ul>
          </>
        )}
        <h2>Milestones</h2>
        {p.milestones.length === 0 && <p>No milestones yet.</p>}
        <table>
          <thead>
            <tr>
              <th scope="col">Milestone</th>
              <th scope="col">Due</th>
              <th scope="col">Accepted when</th>
              <th scope="col">Payment</th>
            </tr>
          </thead>
          <tbody>
            {p.milestones.map((m) => (
              <tr key={m.id}>
                <td>{m.title}</td>
                <td>{m.dueDate}</td>
                <td>
                  <ul>
                    {m.acceptance.map((a, i) => (
                      <li key={i}>{a.text}</li>
                    ))}
                  </ul>
                </td>
                <td>
                  {m.pricePercent !== null && <>{m.pricePercent} % · </>}
                  {m.payment ? money(m.payment) : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>Price</h2>
        <p>{p.priceText}.</p>
        <h2>Terms</h2>
        <p className="pre">{e.terms || 'Standard terms.'}</p>
      </article>
    </>
  );
}
