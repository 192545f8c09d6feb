// A small client-side router on the History API: the gateway answers index.html for every page path,
// and the app picks the page from location.pathname.
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type AnchorHTMLAttributes,
  type ReactNode,
} from 'react';

interface RouterValue {
  path: string;
  search: string;
  navigate: (to: string, options?: { replace?: boolean }) => void;
  /** Adds a check asked before the app leaves the page (a message: confirm first); answers its removal. */
  guard: (check: () => string | null) => () => void;
}

const RouterContext = createContext<RouterValue | null>(null);

export function RouterProvider({ children }: { children: ReactNode }) {
  const [location, setLocation] = useState(() => ({
    path: window.location.pathname,
    search: window.location.search,
  }));
  const shown = useRef(location);
  shown.current = location;
  const guards = useRef(new Set<() => string | null>());
  /** Whether the page may be left: every guard with something to lose has the user confirm. */
  const mayLeave = useCallback(() => {
    for (const check of guards.current) {
      const message = check();
      if (message && !window.confirm(message)) return false;
    }
    return true;
  }, []);
  useEffect(() => {
    const onPop = () => {
      if (!mayLeave()) {
        // back or forward already changed the address: put the page's own back
        window.history.pushState(null, '', shown.current.path + shown.current.search);
        return;
      }
      setLocation({ path: window.location.pathname, search: window.location.search });
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [mayLeave]);
  const navigate = useCallback(
    (to: string, options?: { replace?: boolean }) => {
      if (!mayLeave()) return;
      if (options?.replace) window.history.replaceState(null, '', to);
      else window.history.pushState(null, '', to);
      setLocation({ path: window.location.pathname, search: window.location.search });
      window.scrollTo?.(0, 0);
    },
    [mayLeave],
  );
  const guard = useCallback((check: () => string | null) => {
    guards.current.add(check);
    return () => {
      guards.current.delete(check);
    };
  }, []);
  const value = useMemo(() => ({ ...location, navigate, guard }), [location, navigate, guard]);
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

/**
 * While {@code message} is set (unsaved changes), leaving asks first: a link or back/forward within the app
 * asks to confirm {@code message}; closing or reloading the tab gets the browser's own question.
 */
export function useLeaveGuard(message: string | null) {
  const router = useContext(RouterContext);
  const guard = router?.guard;
  useEffect(() => {
    if (!message) return;
    const removeGuard = guard?.(() => message);
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      removeGuard?.();
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [message, guard]);
}

export function useRouter(): RouterValue {
  const value = useContext(RouterContext);
  if (!value) throw new Error('useRouter outside RouterProvider');
  return value;
}

/** Matches "/users/:id/dashboard" against a path; answers the parameters or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] as string;
    const h = have[i] as string;
    if (w.startsWith(':')) params[w.substring(1)] = decodeURIComponent(h);
    else if (w !== h) return null;
  }
  return params;
}

export function Link({
  to,
  children,
  ...rest
}: { to: string; children: ReactNode } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  const { navigate, path } = useRouter();
  return (
    <a
      href={to}
      aria-current={path === to ? 'page' : undefined}
      {...rest}
      onClick={(event) => {
        if (
          event.defaultPrevented ||
          event.button !== 0 ||
          event.metaKey ||
          event.ctrlKey ||
          event.shiftKey ||
          event.altKey
        ) {
          return;
        }
        event.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}
