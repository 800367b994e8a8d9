package io.loadgen.spec;

import java.util.Objects;

/**
 * The text of a record template and where it came from; compiled by the payload package.
 *
 * @param name a shipped template's name, or the file it was read from
 * @param text the template as written
 * @param json whether its records must be JSON: their strings are escaped, and a record that does not parse is refused
 *             at start
 */
public record TemplateSource(String name, String text, boolean json) {

    public TemplateSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
    }

    @Override
    public String toString() {
        return name + (json ? " (JSON)" : "");
    }
}
