import type { PlatformStatus } from '../api/types';
import { Time } from './ui';

/** The words of a halt, for the banner and the disabled buttons' tooltip. */
export function haltSentence(status: PlatformStatus): string {
  return `Trading is halted by the platform: ${status.reason ?? 'no reason given'}`;
}

/**
 * Every trader's notice that the platform's emergency stop is engaged: why and since when. Nothing while trading is
 * allowed (or the status is not known yet).
 */
export function HaltBanner({ status }: { status: PlatformStatus | undefined }) {
  if (!status?.halted) return null;
  return (
    <div className="notice error halt-banner" role="alert" aria-label="Trading halted">
      <strong>{haltSentence(status)}</strong> — since <Time value={status.since} />.{' '}
      {status.flatten
        ? 'Bots were stopped and their positions closed.'
        : 'Bots are paused; positions stay open with their stop-loss and take-profit.'}{' '}
      No bot starts or resumes until an admin releases the stop.
    </div>
  );
}

/**
 * Every trader's notice that the platform is in maintenance mode: why and since when, and what it means for their bot.
 * Nothing while it is off (or the status is not known yet).
 */
export function MaintenanceBanner({ status }: { status: PlatformStatus | undefined }) {
  if (!status?.maintenance) return null;
  return (
    <div className="notice warning maintenance-banner" role="status" aria-label="Platform maintenance">
      <strong>The platform is in maintenance: {status.maintenanceReason ?? 'no reason given'}</strong> — since{' '}
      <Time value={status.maintenanceSince} />. Bots open no new positions (each skipped entry is in your decision log);
      exits, stop-losses and take-profits still run, and bots may be started and resumed.
    </div>
  );
}
