/** @module The demo portfolio: three realistic client companies at different stages, and their stories. */
import type { ClientInput } from '../../shared/api.ts';
import type { DemoStory } from './demo-story.ts';

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

/** What each demo client has been through, in the order of `demoClients`. */
export const demoStories: DemoStory[] = [
  // Tidewater: a retainer, mid-migration off no-code; hours close to the monthly budget.
  {
    engagement: {
      kind: 'retainer',
      title: 'Fractional CTO retainer',
      startedDaysAgo: 240,
      fee: 1500,
      hours: 20,
    },
    scoping: {
      summary:
        'Move the booking flow off Bubble in three phases without stopping daily operations.',
      constraints: [
        { kind: 'growth', text: 'Shipments double by next summer' },
        { kind: 'hiring', text: 'One full-stack developer joins in spring' },
      ],
    },
    paths: [
      {
        who: 'Dispatcher',
        goal: 'Book a shipment with a carrier',
        steps: ['Pick the load', 'Compare carrier prices', 'Confirm the booking'],
        priority: 'must',
      },
      {
        who: 'Customer',
        goal: 'Track a shipment',
        steps: ['Open the tracking link', 'See the latest position'],
        priority: 'must',
      },
      {
        who: 'Finance',
        goal: 'Invoice finished shipments',
        steps: ['Export the week', 'Send invoices from Stripe'],
        priority: 'should',
      },
    ],
    risks: [
      {
        description: 'Bookings fail when Zapier hits its task limit on busy days',
        likelihood: 'high',
        impact: 'high',
        mitigation: 'Move carrier calls to our own service first (phase 1)',
      },
      {
        description: 'Only one person knows how the Airtable sync works',
        likelihood: 'medium',
        impact: 'medium',
        mitigation: 'Write it down and pair on it this month',
      },
    ],
    milestones: [
      {
        title: 'Phase 1: carrier integrations in a TypeScript service',
        acceptance: ['Bookings no longer go through Zapier', 'Two carriers connected'],
        due: -60,
        doneLate: 4,
        pricePercent: 30,
        paths: [0],
        kpis: [0],
      },
      {
        title: 'Phase 2: tracking page served by the new backend',
        acceptance: ['Tracking page loads in under 2 seconds', 'Old Bubble page redirects'],
        due: 9,
        inProgress: true,
        pricePercent: 30,
        paths: [1],
        kpis: [1],
      },
      {
        title: 'Phase 3: move invoicing out of Bubble',
        acceptance: ['Weekly invoices sent without manual steps'],
        due: 70,
        pricePercent: 40,
        paths: [2],
      },
    ],
    kpis: [
      {
        name: 'Shipments booked per day',
        unit: 'shipments',
        direction: 'higher',
        target: 3000,
        readings: [1850, 1920, 2010, 2140, 2200, 2380, 2450, 2610],
      },
      {
        name: 'Booking time (95th percentile)',
        unit: 's',
        direction: 'lower',
        target: 2,
        readings: [6.1, 5.8, 5.9, 4.2, 3.9, 3.1, 2.6, 1.9],
      },
    ],
    decisions: [
      {
        title: 'Move carrier integrations from Zapier to our own TypeScript service',
        status: 'accepted',
        age: 200,
        summary:
          'Bookings will stop failing on busy days because we no longer depend on Zapier limits.',
        context:
          'Zapier task limits stop bookings on the busiest days, and each new carrier takes a week of glue work.',
        drivers: ['Bookings must not fail on busy days', 'A new carrier in days, not weeks'],
        options: [
          {
            title: 'A TypeScript service on a managed platform',
            good: ['No task limits', 'Tested like any code'],
            bad: ['We run and watch it ourselves'],
          },
          {
            title: 'A bigger Zapier plan',
            good: ['No engineering work'],
            bad: ['Costs grow with volume', 'Still no tests'],
          },
        ],
        chosen: 'A TypeScript service on a managed platform',
        justification:
          'It removes the limit that stops bookings and makes each carrier a small, tested change.',
        good: ['Carrier changes ship in a day'],
        bad: ['One more service to keep running'],
      },
      {
        title: 'Keep Bubble for the internal admin screens until phase 3',
        status: 'accepted',
        age: 150,
        summary: 'Staff keep the screens they know while customers get the fast new pages first.',
        context: 'Rebuilding every screen at once would stop feature work for a quarter.',
        drivers: ['Customer-facing speed first', 'No pause in feature work'],
        options: [
          {
            title: 'Keep the admin screens in Bubble for now',
            good: ['No retraining'],
            bad: ['Two systems for a while'],
          },
          {
            title: 'Rebuild everything at once',
            good: ['One system sooner'],
            bad: ['A quarter without new features'],
          },
        ],
        chosen: 'Keep the admin screens in Bubble for now',
        justification: 'Customers feel the slow pages; staff can wait one more phase.',
        good: ['Features keep shipping'],
        bad: ['Data is synced between two systems until phase 3'],
      },
    ],
    question: {
      question: 'Which carrier do we connect next: NordCargo or BalticLine?',
      context:
        'Both asked for an API connection this quarter; we can do one before the phase 2 launch.',
      options: ['NordCargo', 'BalticLine'],
      recommendation: 'NordCargo',
      reason: 'It carries a third of our shipments and its API is already documented.',
      dueIn: 2,
    },
    features: [
      {
        title: 'Live price comparison across carriers',
        kpi: 0,
        effect: 8,
        confidence: 'medium',
        effortDays: 6,
        risk: 'medium',
        deps: 1,
        cost: 40,
      },
      {
        title: 'Custom branding on tracking pages',
        kpi: 1,
        effect: 0,
        confidence: 'low',
        effortDays: 5,
        risk: 'low',
        deps: 0,
        cost: 0,
      },
    ],
    hoursThisMonth: 17,
  },
  // Lumen: a retainer under compliance pressure; one milestone late, a question past due.
  {
    engagement: {
      kind: 'retainer',
      title: 'Technical leadership retainer',
      startedDaysAgo: 120,
      fee: 2400,
      hours: 32,
    },
    scoping: {
      summary:
        'Open in Germany with patient data hosted in the EU and a passing security questionnaire.',
      constraints: [
        { kind: 'compliance', text: 'GDPR and the hospital chain security questionnaire' },
        { kind: 'growth', text: 'Two new clinics a month from spring' },
      ],
    },
    paths: [
      {
        who: 'Patient',
        goal: 'Book an appointment online',
        steps: ['Choose a clinic', 'Pick a time', 'Confirm by email'],
        priority: 'must',
      },
      {
        who: 'Clinic staff',
        goal: 'See the day’s appointments',
        steps: ['Sign in', 'Open today’s list'],
        priority: 'must',
      },
    ],
    risks: [
      {
        description: 'Patient data in a US region blocks the German launch',
        likelihood: 'high',
        impact: 'high',
        mitigation: 'Move the database to Frankfurt before the launch',
      },
      {
        description: 'No tested backup restore',
        likelihood: 'medium',
        impact: 'high',
        mitigation: 'Run a restore drill every month and write down the time it took',
      },
    ],
    milestones: [
      {
        title: 'Database and files moved to an EU region',
        acceptance: ['All patient data in eu-central-1', 'Old region emptied'],
        due: -10,
        movedBy: 14,
        inProgress: true,
        paths: [0, 1],
        kpis: [1],
      },
      {
        title: 'Security questionnaire answered with evidence',
        acceptance: ['Every answer links to a document'],
        due: 20,
      },
    ],
    kpis: [
      {
        name: 'Appointments booked online',
        unit: '%',
        direction: 'higher',
        target: 60,
        readings: [41, 43, 44, 47, 49, 52],
      },
      {
        name: 'Open security findings',
        unit: 'findings',
        direction: 'lower',
        target: 0,
        readings: [14, 12, 11, 9, 7, 6],
      },
    ],
    decisions: [
      {
        title: 'Host patient data in AWS Frankfurt',
        status: 'accepted',
        age: 90,
        summary: 'Patient data stays in the EU, which German hospitals require before they sign.',
        context: 'German hospital chains ask where patient data is stored before they sign.',
        drivers: ['Data stays in the EU', 'No new cloud provider to learn'],
        options: [
          { title: 'AWS Frankfurt', good: ['Same tools as today'], bad: ['A migration weekend'] },
          {
            title: 'A German hosting provider',
            good: ['Local provider'],
            bad: ['New tools and contracts'],
          },
        ],
        chosen: 'AWS Frankfurt',
        justification: 'It meets the requirement with the tools the team already knows.',
        good: ['Unblocks the German launch'],
        bad: ['One weekend of planned downtime'],
      },
    ],
    question: {
      question: 'Do we pay for a penetration test before the hospital contract?',
      context: 'The hospital chain asks for one; a test costs about €6k and takes two weeks.',
      options: ['Yes, before signing', 'After signing, within 90 days'],
      recommendation: 'Yes, before signing',
      reason: 'It answers their biggest question and finds problems while they are cheap to fix.',
      dueIn: -3,
    },
    features: [
      {
        title: 'SMS reminders the day before an appointment',
        kpi: 0,
        effect: 10,
        confidence: 'high',
        effortDays: 3,
        risk: 'low',
        deps: 1,
        cost: 60,
      },
    ],
    hoursThisMonth: 21,
  },
  // Orchard: a five-week MVP sprint paid per milestone.
  {
    engagement: {
      kind: 'mvp-sprint',
      title: 'MVP sprint: cost-aware AI assistant',
      startedDaysAgo: 18,
      weeks: 5,
      min: 3000,
      max: 4000,
    },
    scoping: {
      summary:
        'Ship an assistant that answers from the customer’s documents, with the cost of every answer visible.',
      constraints: [{ kind: 'budget', text: 'LLM spend under €400 a month during the pilot' }],
    },
    paths: [
      {
        who: 'Analyst',
        goal: 'Ask a question about a report',
        steps: ['Upload the report', 'Ask', 'See the answer with its sources'],
        priority: 'must',
      },
      {
        who: 'Founder',
        goal: 'See what each feature costs',
        steps: ['Open the cost page', 'Compare features'],
        priority: 'should',
      },
    ],
    risks: [
      {
        description: 'Token costs grow faster than paying users',
        likelihood: 'high',
        impact: 'medium',
        mitigation: 'Cache answers and use a smaller model for simple questions',
      },
    ],
    milestones: [
      {
        title: 'Answers from uploaded reports, with sources',
        acceptance: ['Sources shown for every answer', 'Pilot users can upload PDFs'],
        due: 0,
        doneLate: 0,
        pricePercent: 40,
        paths: [0],
        kpis: [0],
      },
      {
        title: 'Cost per answer tracked by feature',
        acceptance: ['Cost page per feature', 'Alert above budget'],
        due: 6,
        inProgress: true,
        pricePercent: 30,
        paths: [1],
        kpis: [1],
      },
      {
        title: 'Pilot with three customers',
        acceptance: ['Three customers use it weekly'],
        due: 17,
        pricePercent: 30,
      },
    ],
    kpis: [
      {
        name: 'Questions answered per week',
        unit: 'questions',
        direction: 'higher',
        target: 500,
        readings: [60, 140, 310],
      },
      {
        name: 'Model cost per answer',
        unit: '€',
        direction: 'lower',
        target: 0.02,
        readings: [0.09, 0.05, 0.031],
      },
    ],
    decisions: [
      {
        title: 'Route simple questions to a smaller model',
        status: 'proposed',
        age: 5,
        summary: 'Most questions are simple; a cheaper model for them could cut the bill by half.',
        context:
          'Two thirds of pilot questions are short lookups that a small model answers as well.',
        drivers: ['Cost per answer under two cents', 'Answer quality users can trust'],
        options: [
          {
            title: 'A router that picks the model per question',
            good: ['Large saving'],
            bad: ['One more part to test'],
          },
          {
            title: 'The large model for everything',
            good: ['Simple'],
            bad: ['Three times the cost'],
          },
        ],
        chosen: 'A router that picks the model per question',
        justification:
          'It brings the cost per answer close to target without hurting the hard questions.',
        good: ['Lower monthly bill'],
        bad: ['Routing mistakes need watching'],
      },
    ],
    question: {
      question: 'Can we show pilot customers the cost of each answer?',
      context: 'Showing it builds trust but invites questions about pricing.',
      options: ['Show it', 'Keep it internal for now'],
      recommendation: 'Keep it internal for now',
      reason: 'Pricing is not settled, and the numbers will change once the router ships.',
      dueIn: 8,
    },
    features: [
      {
        title: 'Answer caching for repeated questions',
        kpi: 1,
        effect: 30,
        confidence: 'high',
        effortDays: 2,
        risk: 'low',
        deps: 0,
        cost: 0,
      },
      {
        title: 'Voice input',
        kpi: 0,
        effect: 2,
        confidence: 'low',
        effortDays: 8,
        risk: 'high',
        deps: 2,
        cost: 120,
      },
    ],
    hoursThisMonth: 26,
  },
];
