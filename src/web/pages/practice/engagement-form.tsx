/** @module The fields of an engagement (shared by "propose" and "edit"), and the edit form. */
import type { FormEvent } from 'react';
import type { Engagement, EngagementKind } from '../../../shared/engagements.ts';
import { api, type ApiError } from '../../api.ts';
import { ErrorBanner, Field, text, TextArea } from '../../components/form.tsx';
import { useAction } from '../../components/use-action.ts';

/** The request body from a form holding `EngagementFields`. */
export function engagementBody(form: FormData, kind: EngagementKind) {
  const num = (name: string) => (text(form, name) ? Number(text(form, name)) : null);
  return {
    title: text(form, 'title'),
    startDate: text(form, 'startDate'),
    endDate: text(form, 'endDate') || null,
    currency: text(form, 'currency'),
    ...(kind === 'mvp-sprint'
      ? { priceMin: num('priceMin'), priceMax: num('priceMax') }
      : { monthlyFee: num('monthlyFee'), hoursPerMonth: num('hoursPerMonth') }),
    terms: text(form, 'terms'),
  };
}

export function EngagementFields(props: {
  kind: EngagementKind;
  value?: Engagement;
  error: ApiError | undefined;
}) {
  const { kind, value: v, error } = props;
  const message = (field: string) => error?.fieldMessage(field);
  return (
    <>
      <Field label="Title" name="title" required defaultValue={v?.title} error={message('title')} />
      <Field
        label="Start date"
        name="startDate"
        type="date"
        required
        defaultValue={v?.startDate}
        error={message('startDate')}
      />
      <Field
        label="End date"
        name="endDate"
        type="date"
        defaultValue={v?.endDate ?? ''}
        error={message('endDate')}
      />
      <Field
        label="Currency"
        name="currency"
        defaultValue={v?.currency ?? 'EUR'}
        maxLength={3}
        error={message('currency')}
      />
      {kind === 'mvp-sprint' ? (
        <>
          <Field
            label="Lowest price"
            name="priceMin"
            type="number"
            min={0}
            defaultValue={v?.priceMin ?? ''}
            error={message('priceMin')}
          />
          <Field
            label="Highest price"
            name="priceMax"
            type="number"
            min={0}
            defaultValue={v?.priceMax ?? ''}
            error={message('priceMax')}
          />
        </>
      ) : (
        <>
          <Field
            label="Monthly fee"
            name="monthlyFee"
            type="number"
            min={0}
            defaultValue={v?.monthlyFee ?? ''}
            error={message('monthlyFee')}
          />
          <Field
            label="Hours per month"
            name="hoursPerMonth"
            type="number"
            min={0}
            step="any"
            defaultValue={v?.hoursPerMonth ?? ''}
            error={message('hoursPerMonth')}
          />
        </>
      )}
      <TextArea
        label="Terms"
        name="terms"
        rows={3}
        defaultValue={v?.terms}
        error={message('terms')}
      />
    </>
  );
}

export function EngagementEditForm(props: {
  base: string;
  engagement: Engagement;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { engagement: e } = props;
  const save = useAction();
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body = engagementBody(new FormData(event.currentTarget), e.kind);
    if (await save.run(() => api('PATCH', `${props.base}/${e.id}`, body))) props.onDone();
  };
  return (
    <form onSubmit={(ev) => void submit(ev)} noValidate aria-label={`Edit engagement ${e.title}`}>
      <ErrorBanner error={save.error} />
      <EngagementFields kind={e.kind} value={e} error={save.error} />
      <div className="actions">
        <button type="submit" disabled={save.busy}>
          Save engagement
        </button>
        <button type="button" className="secondary" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
