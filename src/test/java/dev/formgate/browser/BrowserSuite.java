package dev.formgate.browser;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives browser tests one shared {@link Suite} (packaged FormGate, fake Flotiq, two static sites, one Chromium),
 * started on first use and closed when the whole run ends; skips them when Chromium is not installed.
 */
final class BrowserSuite implements BeforeEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(BrowserSuite.class);

    /** Per test, so each one is reported as skipped with the reason (a class-level abort hides them). */
    @Override
    public void beforeEach(ExtensionContext context) {
        Chromium.requireInstalled();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Suite.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Chromium.requireInstalled();
        return suite(context);
    }

    private static Suite suite(ExtensionContext context) {
        return context.getRoot().getStore(NS).getOrComputeIfAbsent(Suite.class, k -> Suite.start(), Suite.class);
    }
}
