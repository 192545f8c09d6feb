import { api } from '../../api/client';
import type { Settings } from '../../api/types';
import { ErrorBox, Loading } from '../../components/ui';
import { useResource } from '../../lib/useResource';
import { SettingsEditor } from './SettingsForm';

/** Loads the trader's settings, the platform's allowed markets and the trader's plan, and shows the settings form. */
export function SettingsCard() {
  const settings = useResource<Settings>(() => api.settings(), 'settings');
  const markets = useResource(() => api.allowedMarkets(), 'allowed-markets');
  const plan = useResource(() => api.myPlan(), 'my-plan');
  return (
    <section className="card" aria-labelledby="settings-title">
      <header className="card-header">
        <h2 id="settings-title">Trading settings</h2>
      </header>
      {settings.data && (markets.data || markets.error) && (plan.data || plan.error) ? (
        <SettingsEditor
          initial={settings.data}
          allowed={markets.data}
          plan={plan.data?.plan}
          onSaved={(s) => settings.setData(() => s)}
        />
      ) : settings.error ? (
        <ErrorBox error={settings.error} onRetry={settings.reload} />
      ) : (
        <Loading />
      )}
    </section>
  );
}
