package io.loadgen.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Knows which client settings are secret, so nothing prints them. A policy on names, not a list: plugins (schema
 * registries, OAuth, cloud IAM) bring settings Kafka never declares, and their names say what they hold.
 */
public final class Secrets {

    public static final String MASK = "[hidden]";

    /** Parts of a name that mark its value secret wherever they appear in it. */
    private static final List<String> SECRET_PARTS = List.of(
            "password",
            "passwd",
            "passphrase",
            "secret",
            "token",
            "credential",
            "jaas",
            "private",
            "apikey",
            "api.key",
            "api-key",
            "api_key",
            "user.info",
            "userinfo",
            "user-info",
            "user_info",
            // ssl.keystore.certificate.chain and ssl.truststore.certificates: Kafka hides both (type PASSWORD)
            "certificate");
    /** Words (between '.', '-' or '_') that mark a value secret: basic.auth.user.info, a plugin's *.auth, pwd. */
    private static final List<String> SECRET_WORDS =
            List.of("pwd", "pass", "auth", "authorization", "authentication", "authheader", "basicauth");
    /**
     * Words a mistyped secret's name is close to ({@code ssl.keystore.pasword}): the client ignores such a setting, and
     * we warn about its name, but its value is still the password the user meant to give.
     */
    private static final List<String> TYPO_PRONE =
            List.of("password", "passwd", "passphrase", "secret", "token", "credential", "credentials", "private");
    /** The user-info of a URL: https://user:pass@host. */
    private static final Pattern URL_USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+._-]*://)[^/?#@\\s]+@");

    private Secrets() {}

    /**
     * True for passwords, JAAS configs (they embed passwords), private keys, inline PEM certificates, anything named
     * secret, token, credential, API key, user info or auth: at least every setting the Kafka client itself declares
     * a password (a test holds us to that), and names a keystroke or two from such a word. Errs on the side of
     * hiding: a hidden non-secret costs nothing, a leaked password costs a rotation.
     */
    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        if (k.endsWith(".key") || k.equals("key")) return true;
        for (String part : SECRET_PARTS) {
            if (k.contains(part)) return true;
        }
        for (String word : k.split("[^a-z0-9]+")) {
            if (SECRET_WORDS.contains(word) || (word.endsWith("auth") && !word.equals("oauth"))) return true;
            if (nearlySecret(word)) return true;
        }
        return false;
    }

    /** One keystroke from a secret word, two from a long one (8 letters or more). */
    private static boolean nearlySecret(String word) {
        if (word.length() < 4) return false;
        for (String secret : TYPO_PRONE) {
            int allowed = secret.length() >= 8 ? 2 : 1;
            if (Math.abs(word.length() - secret.length()) <= allowed && EditDistance.between(word, secret) <= allowed) {
                return true;
            }
        }
        return false;
    }

    /** The value as it may be printed: {@link #MASK} for a secret setting, else without the user-info of any URL. */
    public static String shown(String key, String value) {
        return isSecret(key) ? MASK : withoutUserInfo(value);
    }

    /** {@code https://user:pass@host/} becomes {@code https://***@host/}; other text is kept. */
    public static String withoutUserInfo(String value) {
        return value == null ? null : URL_USER_INFO.matcher(value).replaceAll("$1***@");
    }

    /** A sorted copy of the settings with every secret value replaced by {@link #MASK}, and URL user-info removed. */
    public static Map<String, String> masked(Map<String, String> settings) {
        Map<String, String> out = new TreeMap<>();
        settings.forEach((k, v) -> out.put(k, shown(k, v)));
        return new LinkedHashMap<>(out);
    }
}
