import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api } from '../api/client';
import type { Branding } from '../api/types';

/** Today's look, used until (and unless) the server answers /api/branding. */
export const DEFAULT_BRANDING: Branding = { productName: 'TrendDesk', primaryColor: '#4c9aff' };

/** The same limits as the server's (BrandingLogo): PNG, JPEG or WebP, at most 100 KiB. */
export const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/webp'];
export const MAX_LOGO_BYTES = 100 * 1024;

interface BrandingState {
  branding: Branding;
  /** Shows a brand the admin just saved without fetching it again. */
  setBranding: (b: Branding) => void;
}

const BrandingContext = createContext<BrandingState>({ branding: DEFAULT_BRANDING, setBranding: () => {} });

/**
 * The platform's brand (white label), fetched once at start, before login too: the product name as the page title,
 * the primary colour as the CSS variable buttons and links use.
 */
export function BrandingProvider({ children }: { children: ReactNode }) {
  const [branding, setState] = useState<Branding>(DEFAULT_BRANDING);
  useEffect(() => {
    let live = true;
    api
      .branding()
      .then((b) => {
        if (live) setState(b);
      })
      .catch(() => {
        // the default brand stays
      });
    return () => {
      live = false;
    };
  }, []);
  useEffect(() => {
    document.title = branding.productName;
    document.documentElement.style.setProperty('--primary', branding.primaryColor);
  }, [branding]);
  const setBranding = useCallback((b: Branding) => setState(b), []);
  return <BrandingContext.Provider value={{ branding, setBranding }}>{children}</BrandingContext.Provider>;
}

export function useBranding(): BrandingState {
  return useContext(BrandingContext);
}

/** The logo (when there is one) and the product name. */
export function BrandMark({ branding }: { branding: Branding }) {
  return (
    <>
      {branding.logoUrl && <img className="brand-logo" src={branding.logoUrl} alt="" height={28} />}
      <span>{branding.productName}</span>
    </>
  );
}

/** The legal footer and the support address, when set. */
export function BrandFooter({ branding }: { branding: Branding }) {
  if (!branding.legalFooter && !branding.supportEmail) return null;
  return (
    <footer className="brand-footer" data-testid="brand-footer">
      {branding.legalFooter && <p className="legal">{branding.legalFooter}</p>}
      {branding.supportEmail && (
        <p>
          Support: <a href={`mailto:${branding.supportEmail}`}>{branding.supportEmail}</a>
        </p>
      )}
    </footer>
  );
}
