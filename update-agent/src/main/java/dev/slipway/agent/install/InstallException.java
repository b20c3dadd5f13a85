package dev.slipway.agent.install;

/** Installing a release failed after it began; the slot being written is left without a way to boot. */
public final class InstallException extends Exception {

    private final boolean verificationFailure;

    /** @param verificationFailure the bytes were not the signed ones (counted in the metrics) */
    public InstallException(String message, boolean verificationFailure) {
        super(message);
        this.verificationFailure = verificationFailure;
    }

    public boolean verificationFailure() {
        return verificationFailure;
    }
}
