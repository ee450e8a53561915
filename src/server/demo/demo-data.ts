/** @module The demo portfolio: three realistic client companies at different stages. */
import type { ClientInput } from '../../shared/api.ts';

export const demoClients: ClientInput[] = [
  {
    name: 'Tidewater Freight (demo)',
    stage: 'seed',
    stack: ['Bubble', 'Airtable', 'Zapier', 'Stripe'],
    blocker:
      'The Bubble app slows down past 2,000 daily shipments and every new carrier integration is a week of Zapier glue.',
    notes:
      'Retainer since March. Migration to a custom TypeScript backend planned in three phases.',
    contacts: [
      { name: 'Maya Okafor', email: 'maya@tidewater.example', role: 'CEO' },
      { name: 'Jonas Berg', email: 'jonas@tidewater.example', role: 'Operations' },
    ],
  },
  {
    name: 'Lumen Clinics (demo)',
    stage: 'series-a',
    stack: ['TypeScript', 'Next.js', 'PostgreSQL', 'AWS', 'Terraform'],
    blocker:
      'Expanding to Germany: patient data must stay in the EU and the security questionnaire from a hospital chain is due.',
    notes: 'Team of six engineers. Weekly founder update on Fridays.',
    contacts: [{ name: 'Dr. Sofia Marin', email: 'sofia@lumen.example', role: 'Founder & CEO' }],
  },
  {
    name: 'Orchard Insights (demo)',
    stage: 'pre-seed',
    stack: ['Python', 'FastAPI', 'OpenAI API', 'React'],
    blocker:
      'LLM costs grow faster than revenue and nobody can say which feature the tokens are spent on.',
    notes: 'MVP sprint, 5 weeks, €3.5k in three milestones.',
    contacts: [{ name: 'Ravi Shah', email: 'ravi@orchard.example', role: 'Co-founder' }],
  },
];
