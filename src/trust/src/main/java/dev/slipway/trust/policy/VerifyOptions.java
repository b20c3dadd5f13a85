package dev.slipway.trust.policy;

/**
 * How strict a verification is beyond the trust store.
 *
 * @param allowDevelopment accept signatures that chain to the bundled development root (test machines)
 */
public record VerifyOptions(boolean allowDevelopment) {

    /** Release policy: development signatures are refused. */
    public static final VerifyOptions PRODUCTION = new VerifyOptions(false);

    /** Development signatures are accepted and reported as such. */
    public static final VerifyOptions ALLOW_DEVELOPMENT = new VerifyOptions(true);
}
