package dev.trenddesk.query.user;

import dev.trenddesk.api.user.UserQueries.FindAllUsers;
import dev.trenddesk.api.user.UserQueries.FindUserById;
import dev.trenddesk.api.user.UserQueries.FindUserByUsername;
import dev.trenddesk.api.user.UserView;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** Answers the user queries from users_view through R2DBC. */
@Component
public class UserQueryHandlers {

    private final UserReadRepository repository;

    public UserQueryHandlers(UserReadRepository repository) {
        this.repository = repository;
    }

    @QueryHandler
    public CompletableFuture<UserView> handle(FindUserById query) {
        return repository.findById(query.userId()).toFuture();
    }

    @QueryHandler
    public CompletableFuture<UserView> handle(FindUserByUsername query) {
        return repository.findByUsername(query.username()).toFuture();
    }

    @QueryHandler
    public CompletableFuture<List<UserView>> handle(FindAllUsers query) {
        return repository.findAll().collectList().toFuture();
    }
}
