package dev.formgate.forms;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Checks {@code x-formgate} settings with Hibernate Validator.
 *
 * <p>Its bootstrap is the slowest single step of a cold start (~80 ms), so it runs on its own thread from
 * construction while the schema files are read and compiled; the first check waits for it.
 */
final class SettingsChecker {
    private final CompletableFuture<Validator> validator = CompletableFuture.supplyAsync(SettingsChecker::build, work -> {
        Thread t = new Thread(work, "formgate-startup-validator");
        t.setDaemon(true);
        t.start();
    });

    Set<ConstraintViolation<FormSettings>> check(FormSettings settings) {
        return validator.join().validate(settings);
    }

    private static Validator build() {
        return Validation.byDefaultProvider().configure()
                .messageInterpolator(new ParameterMessageInterpolator())
                .buildValidatorFactory()
                .getValidator();
    }
}
