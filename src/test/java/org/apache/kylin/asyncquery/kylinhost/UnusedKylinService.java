package org.apache.kylin.asyncquery.kylinhost;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.FactoryBean;

/**
 * FAKE: stands in for a Kylin service that Kylin's {@code QueryService} is wired with but never calls on the path the
 * plugin takes ({@code doQueryWithCache}): {@code CacheService} and {@code ModelService}. The real ones pull in
 * nearly all of Kylin's services (cubes, jobs, the job scheduler, streaming), which a query server's query path does
 * not need. Any call fails loudly, so a path that did need the real service would fail the test, not pass silently.
 * Made by a factory bean so that Spring does not try to autowire the stand-in's own fields.
 */
public final class UnusedKylinService<T> implements FactoryBean<T> {
    private final Class<T> type;

    public UnusedKylinService(Class<T> type) {
        this.type = type;
    }

    @Override
    public T getObject() {
        ProxyFactory proxy = new ProxyFactory();
        proxy.setTargetClass(type);
        proxy.setProxyTargetClass(true);
        proxy.addAdvice((org.aopalliance.intercept.MethodInterceptor) invocation -> {
            throw new UnsupportedOperationException("FAKE " + type.getSimpleName() + "." + invocation.getMethod().getName()
                    + " was called: the real-Kylin test host does not wire this Kylin service");
        });
        return type.cast(proxy.getProxy(type.getClassLoader()));
    }

    @Override
    public Class<?> getObjectType() {
        return type;
    }
}
