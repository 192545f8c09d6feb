package dev.trenddesk.gateway.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated session: the principal is a {@link SessionUser}; the authority is ROLE_&lt;ROLE&gt;. */
class SessionAuthentication extends AbstractAuthenticationToken {

    private final SessionUser user;

    public SessionAuthentication(SessionUser user) {
        super(List.of(new SimpleGrantedAuthority("ROLE_" + user.role().name())));
        this.user = user;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public SessionUser getPrincipal() {
        return user;
    }

    @Override
    public String getName() {
        return user.username();
    }
}
