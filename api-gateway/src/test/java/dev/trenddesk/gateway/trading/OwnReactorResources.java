package dev.trenddesk.gateway.trading;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Added to a {@code support.Node} (property {@code spring.main.sources}) so that its Reactor Netty
 * resources are its own: a closing Node then leaves the JVM's global resources — which other
 * application contexts of the same test JVM and their built-in simulators use — alone (as
 * {@code @SpringBootTest} does for its contexts).
 */
@Configuration(proxyBeanMethods = false)
public class OwnReactorResources {

    @Bean
    static BeanPostProcessor localReactorResourcesPostProcessor() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof ReactorResourceFactory factory) {
                    factory.setUseGlobalResources(false);
                }
                return bean;
            }
        };
    }
}
