package dev.trenddesk.command;

import dev.trenddesk.api.common.DomainRejection;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Sends a {@link DomainRejection} back over the command bus as a {@link CommandExecutionException}
 * whose details are the rejection's code (its name, a plain string): Axon Server carries a handler
 * exception's details to the sender but not its type, so in the distributed mode the code still
 * arrives. The rejection stays the cause, so a local sender sees it as well. Registered with the
 * command bus by Axon's Spring Boot auto-configuration, as every command handler interceptor bean is.
 */
@Component
public class CodedRejections implements MessageHandlerInterceptor<CommandMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        try {
            return chain.proceed();
        } catch (DomainRejection rejection) {
            throw new CommandExecutionException(
                    rejection.getMessage(), rejection, rejection.code().name());
        }
    }
}
