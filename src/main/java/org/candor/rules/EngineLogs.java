package org.candor.rules;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the engine's progress lines ("Start creation of KieBase …") out of what a person reads:
 * the command line and the packaging's prebuild log warnings and errors only. The service keeps
 * its own logging settings.
 */
public final class EngineLogs {

    private EngineLogs() {}

    /** Warnings and up in general, errors only from Drools and KIE. */
    public static void quiet() {
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext) {
            ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
            ((Logger) LoggerFactory.getLogger("org.drools")).setLevel(Level.ERROR);
            ((Logger) LoggerFactory.getLogger("org.kie")).setLevel(Level.ERROR);
            ((Logger) LoggerFactory.getLogger("org.hibernate.validator")).setLevel(Level.WARN);
        }
    }
}
