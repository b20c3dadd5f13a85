package dev.slipway.trust.cms;

import java.nio.file.Files;
import java.security.Provider;
import java.security.ProviderException;
import java.security.Security;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the token a {@link Pkcs11Uri} means and configures the JDK's SunPKCS11 provider for it.
 *
 * <p>SunPKCS11 selects tokens by slot ID or by position in the slot list and cannot read token labels, so
 * {@code token=} cannot be matched here. Rather than logging in to every token in turn to look for the key
 * (a smartcard counts each refused PIN towards locking itself), a module with several tokens needs
 * {@code slot-id=} in the URI.
 */
final class Pkcs11Tokens {

    /** More slots than any HSM or SoftHSM setup we know of offers; scanning stops there. */
    private static final int MAX_SLOT_INDEX = 64;

    private Pkcs11Tokens() {
    }

    static Provider open(Pkcs11Uri uri) throws SigningException {
        Provider unconfigured = Security.getProvider("SunPKCS11");
        if (unconfigured == null) {
            throw new SigningException("this Java runtime has no SunPKCS11 provider (module jdk.crypto.cryptoki),"
                    + " so it cannot use " + uri.describe() + ": run Slipway on a full JDK or JRE");
        }
        String module = uri.modulePath().toString();
        if (!Files.isRegularFile(uri.modulePath())) {
            String hint = uri.modulePath().equals(Pkcs11Uri.DEFAULT_MODULE)
                    ? "install SoftHSM2 (Debian package softhsm2) or give module-path= for your HSM's module"
                    : "install the HSM vendor's PKCS#11 module or correct module-path=";
            throw new SigningException("the PKCS#11 module " + module + " does not exist: " + hint);
        }
        if (module.contains("\"") || module.contains("\\")) {
            throw new SigningException("the PKCS#11 module path " + module + " contains a quote or backslash, which"
                    + " the SunPKCS11 configuration cannot express: move or link the module to a plain path");
        }
        if (uri.slotId() != null) {
            try {
                return configure(unconfigured, module, "slot = " + uri.slotId());
            } catch (ProviderException e) {
                throw new SigningException("slot " + uri.slotId() + " of " + module + " holds no usable token ("
                        + rootMessage(e) + "): list the slots with `pkcs11-tool --module " + module + " -L`", e);
            }
        }
        List<Provider> tokens = new ArrayList<>();
        for (int index = 0; index < MAX_SLOT_INDEX; index++) {
            try {
                tokens.add(configure(unconfigured, module, "slotListIndex = " + index));
            } catch (ProviderException e) {
                // An empty or uninitialised slot, or the end of the slot list: neither is the token we want.
            }
        }
        if (tokens.isEmpty()) {
            throw new SigningException(module + " offers no initialised token for " + uri.describe()
                    + ": create one (e.g. `softhsm2-util --init-token --free --label LABEL`) or connect the HSM");
        }
        if (tokens.size() > 1) {
            throw new SigningException(module + " offers " + tokens.size() + " tokens, and the JDK's PKCS#11 provider"
                    + " cannot tell them apart by label, so " + uri.describe() + " is ambiguous: add slot-id=ID to the"
                    + " URI (`pkcs11-tool --module " + module + " -L` lists the slot IDs with their token labels)");
        }
        return tokens.getFirst();
    }

    private static Provider configure(Provider unconfigured, String module, String slot) {
        String config = "--name = slipway\nlibrary = \"" + module + "\"\n" + slot + "\n";
        return unconfigured.configure(config);
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
