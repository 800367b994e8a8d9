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
     * True for passwords, JAAS configs (they embed passwords), private keys, inline PEM certificates and anything
     * named secret or token: at least every setting the Kafka client itself declares a password (a test holds us to
     * that). Errs on the side of hiding: a hidden non-secret costs nothing, a leaked password costs a rotation.
     */
    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("jaas") || k.contains("secret") || k.contains("token")
                || k.endsWith(".key") || k.contains("private") || k.contains("credential")
                // ssl.keystore.certificate.chain and ssl.truststore.certificates: Kafka hides both (type PASSWORD)
                || k.contains("certificate");
    }

    /** A sorted copy of the settings with every secret value replaced by {@link #MASK}. */
    public static Map<String, String> masked(Map<String, String> settings) {
        Map<String, String> out = new TreeMap<>();
        settings.forEach((k, v) -> out.put(k, isSecret(k) ? MASK : v));
        return new LinkedHashMap<>(out);
    }
}
