import { createContext, useCallback, useContext, useState, type FormEvent, type ReactNode, type RefObject } from 'react';
import { ApiError } from '../api';
import { useI18n } from '../i18n';

/**
 * Form state that survives a refused action and a page reload: every keystroke is kept in
 * sessionStorage under the form's key, and cleared only when the action succeeds.
 */
export function useDraft<T extends object>(key: string, initial: T): [T, (patch: Partial<T>) => void, () => void] {
  const storageKey = `hazard-console.draft.${key}`;
  const [value, setValue] = useState<T>(() => {
    try {
      const raw = sessionStorage.getItem(storageKey);
      return raw ? { ...initial, ...(JSON.parse(raw) as Partial<T>) } : initial;
    } catch {
      return initial;
    }
  });
  const update = useCallback(
    (patch: Partial<T>) => {
      setValue((v) => {
        const next = { ...v, ...patch };
        try {
          sessionStorage.setItem(storageKey, JSON.stringify(next));
        } catch {
          /* storage full: keep it in memory */
        }
        return next;
      });
    },
    [storageKey],
  );
  const clear = useCallback(() => {
    sessionStorage.removeItem(storageKey);
    setValue(initial);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [storageKey]);
  return [value, update, clear];
}

export interface ActionState {
  busy: boolean;
  error: ApiError | null;
  /** The error's message in the user's language when it is about this field. */
  errorFor: (field: string) => string | null;
  run: (fn: () => Promise<void>) => Promise<boolean>;
  clearError: () => void;
}

export function useAction(): ActionState {
  const { lang } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const run = useCallback(async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      return true;
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'client_error', String(err), String(err)));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  const errorFor = (field: string) => (error && error.field === field ? (lang === 'zh' ? error.zh : error.en) : null);
  return { busy, error, errorFor, run, clearError: () => setError(null) };
}

export function errorText(lang: 'zh' | 'en', e: ApiError): string {
  return lang === 'zh' ? e.zh : e.en;
}

/** A form whose API error goes next to its field, or above the form when it names none of them. */
/** The action of the ActionForm around a DraftField: the field shows that action's error about it. */
const FormAction = createContext<ActionState | null>(null);

export function ActionForm(props: {
  title: string;
  action: ActionState;
  fields: string[];
  onSubmit: () => unknown;
  submitLabel: string;
  children: ReactNode;
  testId?: string;
  extraButtons?: ReactNode;
  success?: string | null;
}) {
  const { lang } = useI18n();
  const { action } = props;
  const general = action.error && !props.fields.includes(action.error.field ?? '') ? action.error : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void props.onSubmit();
  };
  return (
    <form className="action-form" onSubmit={submit} data-testid={props.testId} noValidate>
      <h3>{props.title}</h3>
      {general && (
        <p className="form-error" role="alert" data-testid="form-error">
          {errorText(lang, general)}
        </p>
      )}
      {props.success && !action.error && (
        <p className="form-success" role="status">
          {props.success}
        </p>
      )}
      <FormAction.Provider value={action}>{props.children}</FormAction.Provider>
      <div className="form-buttons">
        <button type="submit" className="primary" disabled={action.busy}>
          {props.submitLabel}
        </button>
        {props.extraButtons}
      </div>
    </form>
  );
}

/** A labelled input with its API error under it. */
export function Field(props: {
  label: string;
  name: string;
  action?: ActionState;
  children: ReactNode;
  hint?: string;
  required?: boolean;
}) {
  const message = props.action?.errorFor(props.name) ?? null;
  return (
    <label className={`field${message ? ' has-error' : ''}`} data-field={props.name}>
      <span className="field-label">
        {props.label}
        {props.required && (
          <span className="required" aria-hidden>
            *
          </span>
        )}
      </span>
      {props.children}
      {props.hint && <span className="field-hint">{props.hint}</span>}
      {message && (
        <span className="field-error" role="alert" data-testid={`error-${props.name}`}>
          {message}
        </span>
      )}
    </label>
  );
}

/** A draft and its setter, as useDraft returns them. */
export type Draft<T> = readonly [T, (patch: Partial<T>) => void, ...unknown[]];

/**
 * A Field of an ActionForm whose control is bound to one value of a draft: a text input (`type`, `inputMode`), a
 * textarea (`rows`) or a Select (`options`). `name` is the API's field, on which its errors are
 * matched, where it differs from the draft's key.
 */
export function DraftField<T extends { [k in K]: string }, K extends keyof T & string>(props: {
  draft: Draft<T>;
  field: K;
  name?: string;
  label: string;
  required?: boolean;
  hint?: string;
  type?: 'date' | 'datetime-local';
  inputMode?: 'numeric' | 'decimal';
  rows?: number;
  options?: { value: string; label: string }[];
  empty?: string;
}) {
  const action = useContext(FormAction) ?? undefined;
  const [values, set] = props.draft;
  const name = props.name ?? props.field;
  const value = values[props.field];
  const change = (v: string) => set({ [props.field]: v } as Partial<T>);
  return (
    <Field label={props.label} name={name} action={action} required={props.required} hint={props.hint}>
      {props.options ? (
        <Select name={name} value={value} onChange={change} options={props.options} empty={props.empty} />
      ) : props.rows ? (
        <textarea name={name} rows={props.rows} value={value} onChange={(e) => change(e.target.value)} />
      ) : (
        <input name={name} type={props.type} inputMode={props.inputMode} value={value} onChange={(e) => change(e.target.value)} />
      )}
    </Field>
  );
}

/** Photos taken on the spot, for a report or as evidence: a phone opens its camera. */
export function PhotoField(props: { inputRef: RefObject<HTMLInputElement | null>; count: number; onChange: () => void }) {
  const { t } = useI18n();
  const action = useContext(FormAction) ?? undefined;
  return (
    <Field label={t('photos')} name="files" action={action} hint={t('photosHint')}>
      <FilePicker
        inputRef={props.inputRef}
        name="photos"
        accept="image/*"
        capture="environment"
        buttonLabel={t('takePhoto')}
        count={props.count}
        onChange={props.onChange}
        testId="camera-input"
      />
    </Field>
  );
}

export function Select(props: {
  value: string;
  onChange: (v: string) => void;
  options: { value: string; label: string }[];
  name?: string;
  empty?: string;
  testId?: string;
}) {
  return (
    <select name={props.name} value={props.value} onChange={(e) => props.onChange(e.target.value)} data-testid={props.testId}>
      {props.empty !== undefined && <option value="">{props.empty}</option>}
      {props.options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

/**
 * A file input drawn as a button in the console's language (the browser's own reads "Choose Files"
 * in its UI language). It sits inside a Field's <label>, so a tap anywhere on it opens the picker,
 * or the camera on a phone when `capture` is set.
 */
export function FilePicker(props: {
  inputRef: RefObject<HTMLInputElement | null>;
  name: string;
  accept: string;
  capture?: 'environment' | 'user';
  buttonLabel: string;
  count: number;
  onChange: () => void;
  testId?: string;
}) {
  const { t } = useI18n();
  return (
    <span className="file-picker">
      <input
        ref={props.inputRef}
        className="visually-hidden"
        name={props.name}
        type="file"
        accept={props.accept}
        capture={props.capture}
        multiple
        onChange={props.onChange}
        data-testid={props.testId}
      />
      <span className="button" aria-hidden>
        {props.buttonLabel}
      </span>
      <span className="muted">{props.count ? t('filesChosen', { n: props.count }) : t('noFileChosen')}</span>
    </span>
  );
}
