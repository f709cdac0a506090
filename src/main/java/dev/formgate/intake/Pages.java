package dev.formgate.intake;

import dev.formgate.forms.FormDefinition;
import dev.formgate.validation.FieldError;

/** The built-in thank-you and error pages, accessible and readable on a phone; every value is escaped. */
final class Pages {
    private Pages() {
    }

    static String thankYou(FormDefinition form, String back) {
        return Html.page("Thank you", "<h1>Thank you</h1><p>Your submission to <strong>"
                + Html.escape(form.title()) + "</strong> was received.</p>" + backParagraph(back, "Back to the site"));
    }

    static String invalid(GateException e, String back) {
        StringBuilder b = new StringBuilder("<h1 id=\"t\">Please check your entry</h1><p>")
                .append(Html.escape(e.detail())).append("</p><ul aria-labelledby=\"t\">");
        for (FieldError fe : e.errors()) {
            b.append("<li><strong>").append(Html.escape(fe.field())).append("</strong> ")
                    .append(Html.escape(fe.message())).append("</li>");
        }
        b.append("</ul>").append(backParagraph(back, "Back to the form"));
        return Html.page("Please check your entry", b.toString());
    }

    static String problem(GateException e, String back) {
        return Html.page(e.title(), "<h1>" + Html.escape(e.title()) + "</h1><p>" + Html.escape(e.detail()) + "</p>"
                + backParagraph(back, "Back to the form"));
    }

    private static String backParagraph(String back, String label) {
        return back == null
                ? "<p>Use your browser's Back button to return; what you typed is kept there.</p>"
                : "<p><a href=\"" + Html.escape(back) + "\">" + label + "</a></p>";
    }
}
