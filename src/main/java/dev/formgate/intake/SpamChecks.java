package dev.formgate.intake;

import dev.formgate.config.Secret;
import dev.formgate.delivery.Cms;
import dev.formgate.delivery.Outcome;
import dev.formgate.delivery.Receipt;
import dev.formgate.forms.FormDefinition;
import dev.formgate.guard.CaptchaProvider;
import dev.formgate.guard.CaptchaResult;
import dev.formgate.guard.CaptchaVerifier;
import dev.formgate.guard.Honeypot;
import java.util.Map;
import java.util.Objects;

/** Honeypot and captcha: a filled honeypot is answered like a success and dropped; a bad captcha is a 403. */
public final class SpamChecks {
    private final CaptchaVerifier captcha;
    private final Map<String, Secret> secrets;
    private final Cms cms;

    public SpamChecks(CaptchaVerifier captcha, Map<String, Secret> secrets, Cms cms) {
        this.captcha = Objects.requireNonNull(captcha, "captcha");
        this.secrets = Map.copyOf(secrets);
        this.cms = Objects.requireNonNull(cms, "cms");
    }

    boolean honeypotTripped(FormDefinition form, Body body) {
        return body instanceof Body.Fields f
                ? Honeypot.tripped(form.honeypot(), f.values())
                : Honeypot.tripped(form.honeypot(), ((Body.Json) body).document());
    }

    /** The answer a real submission would get, so a bot learns nothing; nothing is stored. */
    Receipt decoyReceipt(FormDefinition form, String id) {
        return new Receipt(id, cms.configuredFor(form.name()) ? Outcome.DELIVERED : Outcome.HELD, false);
    }

    /** Whether {@link #checkCaptcha} waits on the network for this form (it asks the captcha's provider). */
    boolean waitsOnNetwork(FormDefinition form) {
        return form.captcha().isPresent();
    }

    void checkCaptcha(FormDefinition form, Body body, String client) {
        if (form.captcha().isEmpty()) return;
        CaptchaProvider provider = form.captcha().get();
        // A /64 prefix is a rate-limit key, not an address the provider can use.
        String remoteIp = client.contains("/") ? null : client;
        CaptchaResult result = captcha.verify(provider, secrets.get(provider.secretEnv()), body.control(provider.field()), remoteIp);
        if (result instanceof CaptchaResult.Failed failed) {
            throw GateException.of(403, "captcha", "Captcha check failed",
                    failed.reason() + "; please complete the captcha and submit again.").on(form);
        }
    }
}
