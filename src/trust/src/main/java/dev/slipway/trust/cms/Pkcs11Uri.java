package dev.slipway.trust.cms;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The subset of RFC 7512 {@code pkcs11:} URIs Slipway understands, e.g.
 * {@code pkcs11:token=release;object=image-signing?module-path=/usr/lib/softhsm/libsofthsm2.so&pin-source=/run/pin}.
 * Path attributes: {@code token}, {@code object} (the key's and certificate's label), {@code id}, {@code type}
 * (only {@code private}) and {@code slot-id} (as p11-kit spells it). Query attributes: {@code module-path},
 * {@code pin-source} (a file holding the PIN) or {@code pin-value}. Anything else is refused rather than
 * ignored, because a URI that silently matches less than it says could pick the wrong key.
 *
 * @param token   the token label; informational, see {@link Pkcs11SigningKey}
 * @param object  the label of the key and its certificate, or null when {@code idHex} names them
 * @param idHex   CKA_ID as lower-case hex, or null
 * @param slotId  the PKCS#11 slot ID that holds the token, or null to use the module's only token
 */
public record Pkcs11Uri(String token, String object, String idHex, Long slotId, Path modulePath, String pinSource,
                        String pinValue) {

    /** SoftHSM2's module on Debian, the default because it is what development and tests use. */
    public static final Path DEFAULT_MODULE = Path.of("/usr/lib/softhsm/libsofthsm2.so");

    private static final Set<String> PATH_ATTRIBUTES = Set.of("token", "object", "id", "type", "slot-id");
    private static final Set<String> QUERY_ATTRIBUTES = Set.of("module-path", "pin-source", "pin-value");

    public Pkcs11Uri {
        if (object == null && idHex == null) {
            throw new IllegalArgumentException("a pkcs11: URI for a signing key needs object=LABEL (or id=%01...)");
        }
        if (pinSource != null && pinValue != null) {
            throw new IllegalArgumentException("a pkcs11: URI may give pin-source or pin-value, not both (RFC 7512)");
        }
        modulePath = modulePath == null ? DEFAULT_MODULE : modulePath;
    }

    /** Whether {@code spec} is meant as a PKCS#11 URI. */
    public static boolean isPkcs11(String spec) {
        return spec.regionMatches(true, 0, "pkcs11:", 0, "pkcs11:".length());
    }

    /** Parses a URI; the message of a refusal says which attribute is wrong and what is supported. */
    public static Pkcs11Uri parse(String uri) {
        if (!isPkcs11(uri)) {
            throw new IllegalArgumentException("'" + redact(uri) + "' is not a pkcs11: URI");
        }
        String rest = uri.substring("pkcs11:".length());
        int question = rest.indexOf('?');
        Map<String, byte[]> path = attributes(question < 0 ? rest : rest.substring(0, question), ";", PATH_ATTRIBUTES, uri);
        Map<String, byte[]> query = attributes(question < 0 ? "" : rest.substring(question + 1), "&", QUERY_ATTRIBUTES, uri);
        String type = text(path.get("type"));
        if (type != null && !type.equals("private")) {
            throw new IllegalArgumentException("pkcs11: URI " + redact(uri) + " has type=" + type
                    + "; a signing key is type=private (or leave type out)");
        }
        byte[] id = path.get("id");
        String module = text(query.get("module-path"));
        return new Pkcs11Uri(text(path.get("token")), text(path.get("object")),
                id == null ? null : HexFormat.of().formatHex(id), slotId(text(path.get("slot-id")), uri),
                module == null ? null : Path.of(module), text(query.get("pin-source")), text(query.get("pin-value")));
    }

    /** The URI without its PIN, safe for messages and logs. */
    public String describe() {
        StringBuilder text = new StringBuilder("pkcs11:");
        String separator = "";
        if (token != null) {
            text.append("token=").append(token);
            separator = ";";
        }
        if (slotId != null) {
            text.append(separator).append("slot-id=").append(slotId);
            separator = ";";
        }
        if (object != null) {
            text.append(separator).append("object=").append(object);
            separator = ";";
        }
        if (idHex != null) {
            text.append(separator).append("id=");
            for (int i = 0; i < idHex.length(); i += 2) {
                text.append('%').append(idHex, i, i + 2);
            }
        }
        text.append("?module-path=").append(modulePath);
        if (pinSource != null) {
            text.append("&pin-source=").append(pinSource);
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return describe();
    }

    private static Map<String, byte[]> attributes(String part, String separator, Set<String> known, String uri) {
        Map<String, byte[]> attributes = new LinkedHashMap<>();
        if (part.isEmpty()) {
            return attributes;
        }
        for (String attribute : part.split(separator, -1)) {
            int equals = attribute.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("pkcs11: URI " + redact(uri) + " has '" + redact(attribute)
                        + "' where NAME=VALUE belongs");
            }
            String name = attribute.substring(0, equals).toLowerCase(Locale.ROOT);
            if (!known.contains(name)) {
                throw new IllegalArgumentException("pkcs11: URI " + redact(uri) + " uses '" + name + "', which Slipway"
                        + " cannot honour; it understands " + String.join(", ", PATH_ATTRIBUTES.stream().sorted().toList())
                        + " before '?' and " + String.join(", ", QUERY_ATTRIBUTES.stream().sorted().toList()) + " after it");
            }
            if (attributes.put(name, decode(attribute.substring(equals + 1), uri)) != null) {
                throw new IllegalArgumentException("pkcs11: URI " + redact(uri) + " gives '" + name + "' twice");
            }
        }
        return attributes;
    }

    /** RFC 3986 percent-decoding to bytes: CKA_ID is binary, labels are UTF-8. */
    private static byte[] decode(String value, String uri) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                if (i + 2 >= value.length()) {
                    throw new IllegalArgumentException("pkcs11: URI " + redact(uri) + " ends inside a %XX escape");
                }
                try {
                    bytes.write(HexFormat.fromHexDigits(value, i + 1, i + 3));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("pkcs11: URI " + redact(uri) + " has a bad %XX escape at '"
                            + redact(value.substring(i)) + "'");
                }
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toByteArray();
    }

    private static String text(byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    private static Long slotId(String value, String uri) {
        if (value == null) {
            return null;
        }
        try {
            return value.startsWith("0x") ? Long.parseUnsignedLong(value.substring(2), 16) : Long.parseUnsignedLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("pkcs11: URI " + redact(uri) + " has slot-id=" + value
                    + "; give the slot ID as a number, as `pkcs11-tool --module MODULE -L` prints it");
        }
    }

    private static String redact(String text) {
        return text.replaceAll("(?i)(pin-value=)[^&]*", "$1***");
    }
}
