import { useRouter } from '../../lib/router';

/** A picker that opens a trader's dashboard (admin view): the quickest way from one trader to the next. */
export function TraderSwitcher({
  traders,
  current,
}: {
  traders: { id?: string; username?: string }[];
  current?: string;
}) {
  const { navigate } = useRouter();
  const choices = traders
    .filter((t): t is { id: string; username: string } => !!t.id && !!t.username)
    .sort((a, b) => a.username.localeCompare(b.username));
  if (choices.length === 0) return null;
  return (
    <label className="trader-switcher">
      <span className="muted small">Trader</span>
      <select
        aria-label="Open a trader's dashboard"
        value={current ?? ''}
        onChange={(e) => {
          if (e.target.value) navigate(`/admin/users/${encodeURIComponent(e.target.value)}/dashboard`);
        }}
      >
        {!current && <option value="">Choose a trader…</option>}
        {choices.map((t) => (
          <option key={t.id} value={t.id}>
            {t.username}
          </option>
        ))}
      </select>
    </label>
  );
}
