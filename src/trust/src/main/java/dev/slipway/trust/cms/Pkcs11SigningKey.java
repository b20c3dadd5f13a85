package dev.slipway.trust.cms;

import dev.slipway.trust.pki.Certificates;
import dev.slipway.trust.pki.RsaKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AuthProvider;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import javax.security.auth.login.LoginException;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A key that never leaves a PKCS#11 token (an HSM, a smartcard, SoftHSM2), used through the JDK's SunPKCS11
 * provider. The JDK sees a private key only together with a certificate of the same CKA_ID on the token,
 * so the token must hold one; a certificate given by the caller replaces it in signatures (e.g. when the
 * token keeps a placeholder or an older certificate for the same key).
 */
public final class Pkcs11SigningKey implements SigningKey {

    /** The environment variable that holds the PIN when the URI gives neither pin-source nor pin-value. */
    public static final String PIN_VARIABLE = "SLIPWAY_PKCS11_PIN";

    private final Pkcs11Uri uri;
    private final Provider provider;
    private final PrivateKey key;
    private final X509Certificate certificate;
    private final List<X509Certificate> chain;

    private Pkcs11SigningKey(Pkcs11Uri uri, Provider provider, PrivateKey key, X509Certificate certificate,
                             List<X509Certificate> chain) {
        this.uri = uri;
        this.provider = provider;
        this.key = key;
        this.certificate = certificate;
        this.chain = List.copyOf(chain);
    }

    /**
     * Logs in to the token {@code uri} names and finds its key. {@code certificate} (nullable) replaces the
     * token's certificate; {@code chain} is added to what the token chains to it. A relative
     * {@code pin-source} is resolved against {@code baseDir}.
     */
    public static Pkcs11SigningKey open(Pkcs11Uri uri, X509Certificate certificate, List<X509Certificate> chain,
                                        Path baseDir) throws IOException, SigningException {
        Provider provider = Pkcs11Tokens.open(uri);
        char[] pin = pin(uri, baseDir);
        KeyStore store;
        try {
            store = KeyStore.getInstance("PKCS11", provider);
            store.load(null, pin);
        } catch (IOException e) {
            if (causedByLogin(e)) {
                throw new SigningException("the token of " + uri.describe() + " refused the login ("
                        + Pkcs11Tokens.rootMessage(e) + "): check the PIN", e);
            }
            throw e;
        } catch (GeneralSecurityException e) {
            throw new SigningException("cannot open the token of " + uri.describe() + ": "
                    + Pkcs11Tokens.rootMessage(e), e);
        } finally {
            Arrays.fill(pin, '\0');
        }
        try {
            return find(uri, provider, store, certificate, chain);
        } catch (SigningException | RuntimeException e) {
            // PKCS#11 logins belong to the whole process: leave none behind for a key we do not hand out.
            logout(provider);
            throw e;
        }
    }

    private static Pkcs11SigningKey find(Pkcs11Uri uri, Provider provider, KeyStore store, X509Certificate certificate,
                                         List<X509Certificate> chain) throws SigningException {
        try {
            // SunPKCS11 names a key by its certificate's label, or "0x<CKA_ID>" when the certificate has none.
            String alias = uri.object() != null ? uri.object() : "0x" + uri.idHex();
            if (!store.isKeyEntry(alias)) {
                throw new SigningException("the token of " + uri.describe() + " holds no private key '" + alias
                        + "' with a certificate of the same CKA_ID (the JDK sees keys only through one); keys it"
                        + " offers: " + keyAliases(store) + ". Write the key's certificate to the token, e.g."
                        + " `pkcs11-tool --login --write-object cert.der --type cert --id ID --label " + alias + "`");
            }
            PrivateKey key = (PrivateKey) store.getKey(alias, null);
            Certificate[] tokenChain = store.getCertificateChain(alias);
            X509Certificate signer = certificate != null ? certificate : (X509Certificate) tokenChain[0];
            List<X509Certificate> all = new ArrayList<>();
            if (certificate == null) {
                for (int i = 1; i < tokenChain.length; i++) {
                    all.add((X509Certificate) tokenChain[i]);
                }
            }
            all.addAll(chain);
            KeyMatch.require(key, provider, signer, uri.describe());
            return new Pkcs11SigningKey(uri, provider, key, signer, all);
        } catch (GeneralSecurityException e) {
            throw new SigningException("cannot use the key of " + uri.describe() + ": " + Pkcs11Tokens.rootMessage(e), e);
        }
    }

    private static boolean causedByLogin(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof LoginException) {
                return true;
            }
        }
        return false;
    }

    private static char[] pin(Pkcs11Uri uri, Path baseDir) throws IOException, SigningException {
        if (uri.pinValue() != null) {
            return uri.pinValue().toCharArray();
        }
        if (uri.pinSource() != null) {
            String source = uri.pinSource().startsWith("file:") ? uri.pinSource().substring("file:".length())
                    : uri.pinSource();
            Path file = baseDir == null ? Path.of(source) : baseDir.resolve(source);
            String text = Files.readString(file, StandardCharsets.UTF_8);
            // Files written with echo end in a newline that is no part of the PIN.
            return text.strip().toCharArray();
        }
        String variable = System.getenv(PIN_VARIABLE);
        if (variable == null || variable.isEmpty()) {
            throw new SigningException("no PIN for " + uri.describe() + ": add pin-source=FILE (or pin-value=PIN) to"
                    + " the URI or set " + PIN_VARIABLE);
        }
        return variable.toCharArray();
    }

    private static List<String> keyAliases(KeyStore store) throws GeneralSecurityException {
        List<String> aliases = new ArrayList<>();
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                aliases.add(alias);
            }
        }
        aliases.sort(null);
        return aliases;
    }

    @Override
    public X509Certificate certificate() {
        return certificate;
    }

    @Override
    public List<X509Certificate> chain() {
        return chain;
    }

    @Override
    public ContentSigner contentSigner() throws SigningException {
        try {
            return new JcaContentSignerBuilder(RsaKeys.SIGNATURE_ALGORITHM).setProvider(provider).build(key);
        } catch (OperatorCreationException e) {
            throw new SigningException("the token of " + uri.describe() + " cannot sign with "
                    + RsaKeys.SIGNATURE_ALGORITHM + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return uri.describe() + " (" + Certificates.subject(certificate) + ")";
    }

    @Override
    public void close() {
        logout(provider);
    }

    private static void logout(Provider provider) {
        if (provider instanceof AuthProvider auth) {
            try {
                auth.logout();
            } catch (LoginException e) {
                // The session ends with the process anyway; a failed logout changes nothing we signed.
            }
        }
    }
}
