package org.apache.kylin.asyncquery.e2e;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/**
 * The audit lines a test's in-process server writes, captured for that test alone. Register it as an instance
 * field with {@code @RegisterExtension}.
 */
final class AuditCapture implements BeforeEachCallback, AfterEachCallback {
    private static final String AUDIT_LOGGER = "org.apache.kylin.rest.asyncquery.audit";

    private ListAppender<ILoggingEvent> appender;

    @Override
    public void beforeEach(ExtensionContext context) {
        appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(AUDIT_LOGGER)).addAppender(appender);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        ((Logger) LoggerFactory.getLogger(AUDIT_LOGGER)).detachAppender(appender);
    }

    /** The lines written so far in this test, oldest first. */
    List<String> lines() {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.toList());
    }
}
