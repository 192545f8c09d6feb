// Shared building blocks: loading, empty and error states, money and time, badges, fields and a modal.
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { ApiError } from '../api/client';
import { formatLocalTime, formatMoney, formatUtc, tone, type Numeric } from '../lib/format';
import type { Resource } from '../lib/useResource';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="state state-empty">{children}</div>;
}

export function ErrorBox({ error, onRetry }: { error: Error | string; onRetry?: () => void }) {
  const message = typeof error === 'string' ? error : describeError(error);
  return (
    <div className="state state-error" role="alert">
      <span>{message}</span>
      {onRetry && (
        <button type="button" className="button small" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}

export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 404) return 'Not available (not found, or not yet provided by this server).';
    return error.message;
  }
  if (error instanceof Error) return error.message || 'Something went wrong.';
  return String(error);
}

/** The outcome of an action on a page: a status line, or an alert when it failed. */
export type NoticeMessage = { tone: string; text: string };

export function Notice({ message }: { message: NoticeMessage | null }) {
  if (!message) return null;
  return (
    <p className={`notice ${message.tone}`} role={message.tone === 'error' ? 'alert' : 'status'}>
      {message.text}
    </p>
  );
}

/** Renders loading / error / empty / content for one loaded resource. */
export function Async<T>({
  of,
  empty,
  isEmpty,
  children,
}: {
  of: Pick<Resource<T>, 'data' | 'error' | 'loading'> & { reload?: () => void };
  empty?: ReactNode;
  isEmpty?: (data: T) => boolean;
  children: (data: T) => ReactNode;
}) {
  const { data, error, loading, reload } = of;
  if (data === undefined && loading) return <Loading />;
  if (data === undefined && error) return <ErrorBox error={error} onRetry={reload} />;
  if (data === undefined) return <Loading />;
  if (empty !== undefined && isEmpty?.(data)) return <Empty>{empty}</Empty>;
  return <>{children(data)}</>;
}

export function Money({
  value,
  signed,
  currency,
  digits,
}: {
  value: Numeric;
  signed?: boolean;
  currency?: string;
  digits?: number;
}) {
  return <span className={`num ${signed ? tone(value) : ''}`}>{formatMoney(value, { signed, currency, digits })}</span>;
}

/** A time in the user's zone, with the UTC time on hover (title) and for screen readers. */
export function Time({ value }: { value: string | null | undefined }) {
  if (!value) return <span>—</span>;
  return (
    <time dateTime={value} title={formatUtc(value)}>
      {formatLocalTime(value)}
    </time>
  );
}

const BADGE_TONES: Record<string, string> = {
  RUNNING: 'positive',
  VERIFIED: 'positive',
  PAUSED: 'warning',
  PENDING: 'warning',
  STOPPED: 'neutral',
  DISCONNECTED: 'neutral',
  FAILED: 'negative',
  LONG: 'positive',
  SHORT: 'negative',
  BUY: 'positive',
  SELL: 'negative',
  INFO: 'neutral',
  WARNING: 'warning',
  CRITICAL: 'negative',
};

export function Badge({ value, label }: { value: string | null | undefined; label?: string }) {
  const text = value ?? 'UNKNOWN';
  return <span className={`badge ${BADGE_TONES[text.toUpperCase()] ?? 'neutral'}`}>{label ?? text}</span>;
}

export function Field({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string;
  hint?: ReactNode;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode;
}) {
  const id = useId();
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className={`field ${error ? 'has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': !!error, 'aria-describedby': describedBy })}
      {hint && !error && (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      )}
      {error && (
        <small id={`${id}-error`} className="field-error">
          {error}
        </small>
      )}
    </div>
  );
}

/** A dialog: focus moves in on open and stays inside on Tab, Escape closes it, focus returns when it closes. */
export function Modal({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const dialog = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const first = dialog.current?.querySelector<HTMLElement>('input, button, select, textarea, a[href]');
    first?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        onClose();
        return;
      }
      if (event.key !== 'Tab' || !dialog.current) return;
      const focusable = [
        ...dialog.current.querySelectorAll<HTMLElement>(
          'input, button, select, textarea, a[href], summary, [tabindex]:not([tabindex="-1"])',
        ),
      ].filter((el) => !el.hasAttribute('disabled'));
      const firstEl = focusable[0];
      const lastEl = focusable[focusable.length - 1];
      if (!firstEl || !lastEl) return;
      if (event.shiftKey && document.activeElement === firstEl) {
        event.preventDefault();
        lastEl.focus();
      } else if (!event.shiftKey && document.activeElement === lastEl) {
        event.preventDefault();
        firstEl.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      previous?.focus?.();
    };
  }, [onClose]);
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby={titleId} ref={dialog}>
        <header className="modal-header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="button ghost" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </header>
        {children}
      </div>
    </div>
  );
}

export function LiveIndicator({ state }: { state: string }) {
  const label =
    state === 'open'
      ? 'Live'
      : state === 'reconnecting'
        ? 'Reconnecting…'
        : state === 'denied'
          ? 'Not live'
          : state === 'revoked'
            ? 'Access ended'
            : 'Connecting…';
  return (
    <span
      className={`live live-${state}`}
      role="status"
      aria-live="polite"
      title="Live updates over server-sent events"
    >
      <span className="dot" aria-hidden="true" />
      {label}
    </span>
  );
}

/** Shown when the server ended a live stream because the access it was opened under is gone. */
export function StreamEndedNotice({ ended }: { ended?: { message: string } }) {
  if (!ended) return null;
  return (
    <p className="stream-ended" role="alert">
      Live updates stopped: {ended.message}. What is shown may be out of date; reload or log in again.
    </p>
  );
}
