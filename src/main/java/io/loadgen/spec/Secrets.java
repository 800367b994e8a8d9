package io.loadgen.spec;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Knows which client settings are secret, so nothing prints them. */
public final class Secrets {

    public static final String MASK = "[hidden]";

    private Secrets() {
    }

    /**
     * True for passwords, JAAS configs (they embed passwords), private keys and anything named secret or token.
     * Errs on the side of hiding: a hidden non-secret costs nothing, a leaked password costs a rotation.
     */
    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("jaas") || k.contains("secret") || k.contains("token")
                || k.endsWith(".key") || k.contains("private") || k.contains("credential")
                || k.equals("ssl.keystore.key") || k.equals("ssl.keystore.certificate.chain");
    }

    /** A sorted copy of the settings with every secret value replaced by {@link #MASK}. */
    public static Map<String, String> masked(Map<String, String> settings) {
        Map<String, String> out = new TreeMap<>();
        settings.forEach((k, v) -> out.put(k, isSecret(k) ? MASK : v));
        return new LinkedHashMap<>(out);
    }
}
